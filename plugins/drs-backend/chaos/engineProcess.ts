/**
 * One engine replica of the chaos test, in a process of its own: the plugin's stores, DRS
 * gateway and engine wired against the parent's local DynamoDB server and DRS simulator,
 * running cycles until the parent kills it. Started by engineFleet.ts.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { Execution } from '@drs-orchestration/plugin-drs-common';
import {
  START_WAVE_TAG_EXECUTION_ID,
  START_WAVE_TAG_WAVE,
} from '@drs-orchestration/plugin-drs-common/engine';
import { TEST_ACCOUNT_ID } from '../src/__testUtils__/localAws';
import { DrsGateway } from '../src/services/DrsGateway/types';
import { createEngine } from '../src/services/Engine/createEngine';
import {
  CheckpointName,
  EngineMessage,
  EngineProcessOptions,
  ParentMessage,
} from './protocol';
import { LAUNCH_LEASE_SECONDS, wireLocalAws } from './wiring';

const options: EngineProcessOptions = JSON.parse(process.argv[2]);

function send(message: EngineMessage) {
  process.send?.(message);
}

// An orphaned replica must not keep driving executions after the test is gone.
process.on('disconnect', () => process.exit(0));

function line(level: string, message: string, meta?: unknown) {
  let detail = '';
  if (meta instanceof Error) detail = ` ${meta.stack}`;
  else if (meta) detail = ` ${JSON.stringify(meta)}`;
  process.stdout.write(
    `${new Date().toISOString()} ${level} ${message}${detail}\n`,
  );
}

const logger: LoggerService = {
  error: (message, meta) => line('error', message, meta),
  warn: (message, meta) => line('warn', message, meta),
  info: (message, meta) => line('info', message, meta),
  debug: () => {},
  child: () => logger,
};

const waiting = new Map<number, () => void>();
let lastCheckpointId = 0;
process.on('message', (message: ParentMessage) => {
  if (message.type !== 'continue') return;
  waiting.get(message.id)?.();
  waiting.delete(message.id);
});

/** Stops here until the parent says continue; the parent may kill the process instead. */
function checkpoint(
  name: CheckpointName,
  launch: { executionId: string; wave: string; jobId?: string },
): Promise<void> {
  const id = ++lastCheckpointId;
  return new Promise(resolve => {
    waiting.set(id, resolve);
    send({ type: 'checkpoint', id, checkpoint: name, ...launch });
  });
}

function withCheckpoints(gateway: DrsGateway): DrsGateway {
  return {
    ...gateway,
    async startRecovery(location, request) {
      const launch = {
        executionId: request.tags[START_WAVE_TAG_EXECUTION_ID],
        wave: request.tags[START_WAVE_TAG_WAVE],
      };
      await checkpoint('before-start-recovery', launch);
      const result = await gateway.startRecovery(location, request);
      await checkpoint('job-created', { ...launch, jobId: result.jobId });
      return result;
    },
  };
}

/**
 * Waves this process wrote a launch intent for and has not recorded a job for yet. Intent and
 * record happen in one drive of one cycle, so the window closes at the latest when the cycle ends.
 */
const openIntents = new Set<string>();

function reportIntents() {
  send({ type: 'intents', open: openIntents.size });
}

function trackIntents(written: Execution) {
  const before = openIntents.size;
  for (const wave of written.waves) {
    const key = `${written.executionId}/${wave.name}`;
    if (wave.status === 'STARTED' && !wave.jobId) openIntents.add(key);
    else openIntents.delete(key);
  }
  if (openIntents.size !== before) reportIntents();
}

async function main() {
  const { gateway, executions } = wireLocalAws({
    dynamodb: options.dynamodbEndpoint,
    drs: options.drsEndpoint,
  });
  const update = executions.update.bind(executions);
  executions.update = async execution => {
    const written = await update(execution);
    trackIntents(written);
    return written;
  };
  const engine = createEngine({
    store: executions,
    gateway: withCheckpoints(gateway),
    logger,
    pollIntervalSeconds: options.cycleIntervalMs / 1000,
    launchLeaseSeconds: LAUNCH_LEASE_SECONDS,
    defaultAccountId: TEST_ACCOUNT_ID,
    listener: {
      async executionChanged() {},
      async executionReached() {},
    },
  });
  send({ type: 'ready' });
  for (;;) {
    try {
      const cycleStarted = Date.now();
      const stats = await engine.runCycle();
      line(
        'cycle',
        `${Date.now() - cycleStarted} ms: ${stats.executions} executions, ${
          stats.written
        } written`,
      );
      send({ type: 'cycle' });
    } catch (error) {
      logger.error('Engine cycle failed', error as Error);
    }
    if (openIntents.size > 0) {
      openIntents.clear();
      reportIntents();
    }
    await new Promise(resolve => setTimeout(resolve, options.cycleIntervalMs));
  }
}

main().catch(error => {
  logger.error('Engine process failed', error as Error);
  process.exit(1);
});
