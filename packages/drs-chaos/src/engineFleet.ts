import { ChildProcess, fork } from 'child_process';
import { createWriteStream } from 'fs';
import { createInterface } from 'readline';
import { Dice } from '@drs-orchestration/drs-simulator';
import {
  describeCheckpoint,
  EngineMessage,
  EngineProcessOptions,
  ParentMessage,
} from './protocol';
import type { ChaosPolicy } from './settings';

const ENGINE_RUNNER = require.resolve('./engineProcess');
const NODE_TRANSFORM = require.resolve(
  '@backstage/cli/config/nodeTransform.cjs',
);
/** Output lines kept per engine process, quoted when one dies on its own. */
const RECENT_LINES = 20;

export type KillPoint =
  | 'timer'
  | 'before-start-recovery'
  | 'during-start-recovery'
  | 'job-created'
  | 'before-start-automation'
  | 'automation-started';

export interface FleetStats {
  kills: number;
  /** Kills of a process that had written a launch intent and not yet recorded the job. */
  killsInIntentWindow: number;
  killsAt: Record<KillPoint, number>;
  restarts: number;
  cycles: number;
  /** Engine processes that died without being killed: always a finding. */
  unexpectedExits: string[];
}

interface Slot {
  name: string;
  incarnation: number;
  child?: ChildProcess;
  killedByFleet: boolean;
  retired: boolean;
  /** The process's last report of launch intents it has not recorded a job for. */
  openIntents: number;
  lifetime?: NodeJS.Timeout;
  recentLines: string[];
}

const range = (dice: Dice, [min, max]: [number, number]) =>
  dice.between(min, max);

/**
 * Engine replicas as separate Node processes racing on the same tables, like backend replicas.
 * While chaos is on, each is SIGKILLed at a random time after it starts, or at a StartRecovery
 * or StartAutomationExecution checkpoint, and restarted after a short delay.
 */
export class EngineFleet {
  readonly stats: FleetStats = {
    kills: 0,
    killsInIntentWindow: 0,
    killsAt: {
      timer: 0,
      'before-start-recovery': 0,
      'during-start-recovery': 0,
      'job-created': 0,
      'before-start-automation': 0,
      'automation-started': 0,
    },
    restarts: 0,
    cycles: 0,
    unexpectedExits: [],
  };
  private readonly slots: Slot[];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly log;
  private running = false;
  private chaos = false;

  constructor(
    private readonly options: {
      names: string[];
      processOptions: EngineProcessOptions;
      dice: Dice;
      policy: ChaosPolicy;
      logFile: string;
    },
  ) {
    this.slots = options.names.map(name => ({
      name,
      incarnation: 0,
      killedByFleet: false,
      retired: false,
      openIntents: 0,
      recentLines: [],
    }));
    this.log = createWriteStream(options.logFile, { flags: 'a' });
  }

  start() {
    this.running = true;
    for (const slot of this.slots) this.spawn(slot);
  }

  startChaos() {
    this.chaos = true;
  }

  stopChaos() {
    this.chaos = false;
    for (const slot of this.slots) clearTimeout(slot.lifetime);
  }

  /** Stops every engine but the first `count`, which go on alone. */
  async reduceTo(count: number) {
    const retiring = this.slots.slice(count);
    for (const slot of retiring) slot.retired = true;
    await Promise.all(retiring.map(slot => this.terminate(slot)));
  }

  async stop() {
    this.running = false;
    this.stopChaos();
    for (const timer of this.timers) clearTimeout(timer);
    await Promise.all(this.slots.map(slot => this.terminate(slot)));
    await new Promise(resolve => this.log.end(resolve));
  }

  /** For exit handlers, which cannot wait: kills every engine process at once. */
  killAllNow() {
    this.running = false;
    for (const slot of this.slots) {
      slot.killedByFleet = true;
      slot.child?.kill('SIGKILL');
    }
  }

  private later(ms: number, action: () => void) {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      action();
    }, ms);
    this.timers.add(timer);
  }

  private terminate(slot: Slot): Promise<void> {
    const child = slot.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      return Promise.resolve();
    }
    slot.killedByFleet = true;
    return new Promise(resolve => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  private spawn(slot: Slot) {
    slot.incarnation++;
    slot.killedByFleet = false;
    slot.openIntents = 0;
    slot.recentLines = [];
    const label = `${slot.name}#${slot.incarnation}`;
    const options = JSON.stringify(this.options.processOptions);
    const child = fork(ENGINE_RUNNER, [options], {
      execArgv: ['--require', NODE_TRANSFORM],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    slot.child = child;
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', text => {
        this.log.write(`${label} ${text}\n`);
        slot.recentLines.push(text);
        if (slot.recentLines.length > RECENT_LINES) slot.recentLines.shift();
      });
    }
    // The transform also reports each file it compiles (type `watch`): ignored below.
    child.on('message', (message: EngineMessage) =>
      this.onMessage(slot, child, message),
    );
    child.on('exit', (code, signal) => {
      if (slot.child !== child) return;
      clearTimeout(slot.lifetime);
      slot.child = undefined;
      if (!slot.killedByFleet) {
        this.stats.unexpectedExits.push(
          `${label} exited on its own (${
            signal ?? `code ${code}`
          }); its last lines:\n  ${slot.recentLines.join('\n  ')}`,
        );
      }
      if (this.running && !slot.retired) {
        this.later(
          range(this.options.dice, this.options.policy.restartDelayMs),
          () => {
            if (!this.running || slot.retired) return;
            this.stats.restarts++;
            this.spawn(slot);
          },
        );
      }
    });
  }

  private onMessage(slot: Slot, child: ChildProcess, message: EngineMessage) {
    if (slot.child !== child) return;
    const { dice, policy } = this.options;
    switch (message.type) {
      case 'ready':
        if (this.chaos) {
          slot.lifetime = setTimeout(
            () => this.kill(slot, child, 'timer'),
            range(dice, policy.lifetimeMs),
          );
        }
        return;
      case 'cycle':
        this.stats.cycles++;
        return;
      case 'intents':
        slot.openIntents = message.open;
        return;
      case 'checkpoint':
        this.onCheckpoint(slot, child, message);
        return;
      default:
        return;
    }
  }

  /** Kills the engine at the checkpoint, or lets it go on: at once, after a stall, or to be killed in the call. */
  private onCheckpoint(
    slot: Slot,
    child: ChildProcess,
    message: Extract<EngineMessage, { type: 'checkpoint' }>,
  ) {
    const { dice, policy } = this.options;
    const answer: ParentMessage = { type: 'continue', id: message.id };
    const proceed = () => {
      // The engine may die between the check and the write (EPIPE): then nothing goes on.
      if (child.connected) child.send(answer, () => {});
    };
    if (!this.chaos) {
      proceed();
      return;
    }
    const { checkpoint } = message;
    // The first job and automation created are always killed over: every run covers both windows.
    const first =
      (checkpoint === 'job-created' || checkpoint === 'automation-started') &&
      this.stats.killsAt[checkpoint] === 0;
    const share = {
      'before-start-recovery': policy.killBeforeStartRecovery,
      'job-created': policy.killAfterJobCreated,
      'before-start-automation': policy.killBeforeStartAutomation,
      'automation-started': policy.killAfterAutomationStarted,
    }[checkpoint];
    if (first || dice.chance(share)) {
      this.kill(slot, child, checkpoint, message);
      return;
    }
    if (
      checkpoint === 'before-start-recovery' &&
      dice.chance(policy.killDuringStartRecovery)
    ) {
      proceed();
      this.later(range(dice, policy.killDuringStartRecoveryAfterMs), () =>
        this.kill(slot, child, 'during-start-recovery', message),
      );
      return;
    }
    if (dice.chance(policy.stallAtCheckpoint)) {
      this.later(range(dice, policy.stallMs), proceed);
    } else {
      proceed();
    }
  }

  private kill(
    slot: Slot,
    child: ChildProcess,
    point: KillPoint,
    launch?: Extract<EngineMessage, { type: 'checkpoint' }>,
  ) {
    if (slot.child !== child || slot.killedByFleet || !this.chaos) return;
    slot.killedByFleet = true;
    clearTimeout(slot.lifetime);
    child.kill('SIGKILL');
    this.stats.kills++;
    this.stats.killsAt[point]++;
    if (slot.openIntents > 0) this.stats.killsInIntentWindow++;
    const where = launch ? ` ${describeCheckpoint(launch)}` : '';
    this.log.write(
      `${slot.name}#${slot.incarnation} KILLED (${point})${where}; launch intents open: ${slot.openIntents}\n`,
    );
  }
}
