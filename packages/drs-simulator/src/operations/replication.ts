import { conflict } from '../errors';
import { faultStrikes } from '../faults';
import { applyReplicationUpdate } from '../replication';
import { startReplicationLifecycle } from '../replicationLifecycle';
import { activeJobHolding, SourceServerRecord } from '../state';
import { sourceServerView } from '../views';
import { OperationContext } from './context';
import { serverOrNotFound } from './sourceServers';

function answer(
  { sim, tenant, now }: OperationContext,
  server: SourceServerRecord,
) {
  return {
    sourceServer: sourceServerView(tenant, server, sim.viewContext(now)),
  };
}

function refuseHeld({ tenant }: OperationContext, server: SourceServerRecord) {
  const holder = activeJobHolding(tenant, server.sourceServerID);
  if (holder) {
    throw conflict(
      `Source server ${server.sourceServerID} is participating in job ${holder.jobID} (${holder.status})`,
      server.sourceServerID,
      'SOURCE_SERVER',
    );
  }
}

/**
 * StopReplication: the server is STOPPED and, as DRS documents, unprotected with its points in
 * time deleted. Refused for a server already stopped or disconnected, or held by a job.
 */
export function stopReplication(
  context: OperationContext,
  input: { sourceServerID: string },
) {
  const server = serverOrNotFound(context, input.sourceServerID);
  if (['STOPPED', 'DISCONNECTED'].includes(server.replicationState)) {
    throw conflict(
      `Source server ${server.sourceServerID} is ${server.replicationState}: there is no replication to stop`,
      server.sourceServerID,
      'SOURCE_SERVER',
    );
  }
  refuseHeld(context, server);
  // A replication being (re)started stops too: its scheduled steps no longer apply.
  delete server.initiation;
  applyReplicationUpdate(
    server,
    { sourceServer: server.sourceServerID, replicationState: 'STOPPED' },
    context.now,
    context.sim.snapshotTiming(),
  );
  return answer(context, server);
}

/**
 * StartReplication: a STOPPED server replicates again, from the start (INITIATING,
 * INITIAL_SYNC, CONTINUOUS, as a reversed replication). Refused for any other state.
 */
export function startReplication(
  context: OperationContext,
  input: { sourceServerID: string },
) {
  const { sim, now } = context;
  const server = serverOrNotFound(context, input.sourceServerID);
  if (server.replicationState !== 'STOPPED') {
    throw conflict(
      `Source server ${server.sourceServerID} is ${server.replicationState}: StartReplication starts only a STOPPED server`,
      server.sourceServerID,
      'SOURCE_SERVER',
    );
  }
  refuseHeld(context, server);
  startReplicationLifecycle(
    sim,
    server,
    now,
    faultStrikes(sim.dice.outcomes, sim.faults.stallReplicationShare),
  );
  return answer(context, server);
}
