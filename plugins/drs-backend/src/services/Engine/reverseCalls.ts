import { Execution } from '@drs-orchestration/plugin-drs-common';
import {
  recordObservationError,
  recordReverseReplicationRefused,
  recordReverseReplicationStarted,
  ReverseReplicationCommand,
} from '@drs-orchestration/plugin-drs-common/engine';
import { describeAwsError, errorName } from '../awsFailures';
import { isPermanentDrsError, transientReason } from '../DrsGateway/drsErrors';
import { DrsLocation } from '../DrsGateway/types';
import { Recorded } from './automationCalls';
import { EngineContext } from './engineContext';

/**
 * The reversed source server of a recovery instance DRS has already reversed (a call whose
 * answer was lost to a crash or a 5xx): the instance reports its replication back, and its
 * source server names the server on the other side. Undefined when DRS shows no reversal.
 */
async function findReversal(
  engine: EngineContext,
  location: DrsLocation,
  command: ReverseReplicationCommand,
): Promise<string | undefined> {
  engine.metrics?.drsCalls.add(1, { operation: 'DescribeRecoveryInstances' });
  const instances = await engine.gateway.describeRecoveryInstances(location, [
    command.sourceServerId,
  ]);
  const instance = instances.find(
    i => i.recoveryInstanceId === command.recoveryInstanceId,
  );
  if (!instance?.reverseReplicationState) return undefined;
  engine.metrics?.drsCalls.add(1, { operation: 'DescribeSourceServers' });
  const [server] = await engine.gateway.describeSourceServers(location, {
    kind: 'ids',
    ids: [command.sourceServerId],
  });
  return server?.reversedDirectionSourceServerArn;
}

async function callOrAdopt(
  engine: EngineContext,
  location: DrsLocation,
  command: ReverseReplicationCommand,
): Promise<string> {
  if (command.adoptExisting) {
    const earlier = await findReversal(engine, location, command);
    if (earlier) {
      engine.logger.info(
        `Adopted the reversal of recovery instance ${command.recoveryInstanceId}: ${earlier}`,
      );
      return earlier;
    }
  }
  engine.metrics?.drsCalls.add(1, { operation: 'ReverseReplication' });
  const answer = await engine.gateway.reverseReplication(
    location,
    command.recoveryInstanceId,
  );
  return answer.reversedSourceServerArn;
}

/**
 * Reverses one recovery instance's replication, whose intent the decision has already written:
 * a reversal DRS already made is adopted, never asked again (DRS refuses a second one as a
 * conflict, which is adopted too). A refusal for good fails the request; anything else
 * leaves the intent for the next cycle, which adopts before it calls.
 */
export async function reverseReplication(
  engine: EngineContext,
  execution: Execution,
  command: ReverseReplicationCommand,
): Promise<Recorded> {
  const location = engine.locationOf(execution);
  const { recoveryInstanceId } = command;
  const recorded = (arn: string): Recorded => ({
    execution: recordReverseReplicationStarted(
      execution,
      recoveryInstanceId,
      arn,
      engine.now(),
    ),
    reapply: fresh =>
      fresh.requests.reverseReplication?.servers.some(
        s => s.recoveryInstanceId === recoveryInstanceId,
      )
        ? recordReverseReplicationStarted(
            fresh,
            recoveryInstanceId,
            arn,
            engine.now(),
          )
        : fresh,
  });
  try {
    return recorded(await callOrAdopt(engine, location, command));
  } catch (error) {
    engine.metrics?.drsErrors.add(1, { error: errorName(error) });
    const earlier = await findReversal(engine, location, command).catch(
      () => undefined,
    );
    if (earlier) return recorded(earlier);
    const now = engine.now();
    if (isPermanentDrsError(error)) {
      return {
        execution: recordReverseReplicationRefused(
          execution,
          recoveryInstanceId,
          describeAwsError(error),
          now,
        ),
        reapply: fresh => fresh,
      };
    }
    return {
      execution: recordObservationError(execution, transientReason(error), now),
      reapply: fresh => fresh,
    };
  }
}
