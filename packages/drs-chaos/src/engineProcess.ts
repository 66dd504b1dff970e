/**
 * One engine replica of the chaos test, in a process of its own: a backend running the drs
 * plugin against the parent's local DynamoDB server and DRS simulator, whose scheduler keeps the
 * engine's task, run here every `cycleIntervalMs` until the parent kills the process. Its DRS
 * gateway and stores are the plugin's own, wrapped (engineReplica.ts) so that the parent can
 * kill it inside StartRecovery and knows when it holds a launch intent without a job. Started
 * by engineFleet.ts.
 */
import {
  captureScheduledTasks,
  DRS_ENGINE_TASK_ID,
} from '@drs-orchestration/drs-testkit';
import drsPlugin from '@drs-orchestration/plugin-drs-backend';
import { Execution } from '@drs-orchestration/plugin-drs-common';
import { LaunchPoint, probedDrsParts } from './engineReplica';
import { startReplicaBackend } from './replicaBackend';
import {
  CheckpointName,
  EngineMessage,
  EngineProcessOptions,
  ParentMessage,
} from './protocol';

const options: EngineProcessOptions = JSON.parse(process.argv[2]);

function send(message: EngineMessage) {
  process.send?.(message);
}

// An orphaned replica must not keep driving executions after the test is gone.
process.on('disconnect', () => process.exit(0));

function line(level: string, message: string) {
  process.stdout.write(`${new Date().toISOString()} ${level} ${message}\n`);
}

const waiting = new Map<number, () => void>();
let lastCheckpointId = 0;
process.on('message', (message: ParentMessage) => {
  if (message.type !== 'continue') return;
  waiting.get(message.id)?.();
  waiting.delete(message.id);
});

/** Stops here until the parent says continue; the parent may kill the process instead. */
function checkpoint(name: CheckpointName, launch: LaunchPoint): Promise<void> {
  const id = ++lastCheckpointId;
  return new Promise(resolve => {
    waiting.set(id, resolve);
    send({ type: 'checkpoint', id, checkpoint: name, ...launch });
  });
}

/**
 * Waves this process wrote a launch intent for and has not recorded a job for yet. Intent and
 * record happen in one drive of one cycle, so the window closes at the latest when the cycle ends.
 */
const openIntents = new Set<string>();

function reportIntents() {
  send({ type: 'intents', open: openIntents.size });
}

const cycle = { visited: 0, written: 0 };

function trackIntents(written: Execution) {
  cycle.written++;
  const before = openIntents.size;
  for (const wave of written.waves) {
    const key = `${written.executionId}/${wave.name}`;
    if (wave.status === 'STARTED' && !wave.jobId) openIntents.add(key);
    else openIntents.delete(key);
  }
  if (openIntents.size !== before) reportIntents();
}

async function main() {
  const engine = captureScheduledTasks('drs');
  await startReplicaBackend({
    features: [
      drsPlugin,
      engine.factory,
      ...probedDrsParts({
        beforeStartRecovery: launch =>
          checkpoint('before-start-recovery', launch),
        jobCreated: launch => checkpoint('job-created', launch),
        beforeStartAutomation: step =>
          checkpoint('before-start-automation', step),
        automationStarted: step => checkpoint('automation-started', step),
        written: trackIntents,
        visiting: count => {
          cycle.visited = count;
        },
      }),
    ],
    config: options.config,
  });
  const task = engine.task(DRS_ENGINE_TASK_ID);
  send({ type: 'ready' });
  for (;;) {
    try {
      const cycleStarted = Date.now();
      cycle.written = 0;
      await task.fn(new AbortController().signal);
      line(
        'cycle',
        `${Date.now() - cycleStarted} ms: ${cycle.visited} executions, ${
          cycle.written
        } written`,
      );
      send({ type: 'cycle' });
    } catch (error) {
      line('error', `Engine cycle failed: ${(error as Error).stack}`);
    }
    if (openIntents.size > 0) {
      openIntents.clear();
      reportIntents();
    }
    await new Promise(resolve => setTimeout(resolve, options.cycleIntervalMs));
  }
}

main().catch(error => {
  line('error', `Engine process failed: ${error.stack ?? error}`);
  process.exit(1);
});
