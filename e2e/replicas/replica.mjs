// One backend replica (packages/backend) as a child process that can be stopped, killed and
// started again; each start is a "life" with its own log.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stopProcessGroup } from '../processes.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const backendDir = join(root, 'packages', 'backend');
const overlay = join(root, 'e2e', 'replicas', 'app-config.replicas.yaml');
const READY_TIMEOUT_MS = 3 * 60 * 1000;
/** A graceful stop that takes longer than this is a failure of its own. */
const GRACEFUL_STOP_TIMEOUT_MS = 30_000;
// eslint-disable-next-line no-control-regex -- ESC starts every ANSI colour code
const ANSI_COLOR = /\x1b\[[0-9;]*m/g;

export class Replica {
  /** `env` carries the ports the config overlay reads. */
  constructor(name, port, env) {
    this.name = name;
    this.port = port;
    this.url = `http://127.0.0.1:${port}`;
    this.env = env;
    this.lives = [];
    this.child = undefined;
  }

  /**
   * Runs the backend's sources through Backstage's Node transform, as `backstage-cli package
   * start` does, but without its file watcher (other edits in the tree must not restart a
   * replica mid-test) and in a process group of its own, so a SIGKILL takes it down whole.
   */
  start() {
    const child = spawn(
      process.execPath,
      [
        '--require',
        '@backstage/cli/config/nodeTransform.cjs',
        'src/index.ts',
        '--config',
        join(root, 'app-config.yaml'),
        '--config',
        overlay,
      ],
      {
        cwd: backendDir,
        env: {
          ...process.env,
          ...this.env,
          DRS_REPLICA_PORT: String(this.port),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      },
    );
    const life = { number: this.lives.length + 1, log: [], exit: undefined };
    life.exited = new Promise(resolve =>
      child.on('exit', (code, signal) => {
        life.exit = signal ?? `code ${code}`;
        resolve();
      }),
    );
    this.lives.push(life);
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', chunk => life.log.push(chunk.toString()));
    }
    this.child = child;
  }

  get running() {
    return (
      this.child !== undefined &&
      this.child.exitCode === null &&
      this.child.signalCode === null
    );
  }

  /** Waits until every plugin has started (Backstage's readiness check answers 200). */
  async waitUntilReady() {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (!this.running)
        throw new Error(
          `replica ${this.name} exited while starting (${this.currentLife.exit})`,
        );
      try {
        const response = await fetch(
          `${this.url}/.backstage/health/v1/readiness`,
        );
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise(resolve => setTimeout(resolve, 500));
    }
    throw new Error(
      `replica ${this.name} was not ready within ${READY_TIMEOUT_MS / 1000} s`,
    );
  }

  /** SIGTERM (a graceful shutdown, which must finish on its own) or SIGKILL (a crash). */
  async stop(signal) {
    if (!this.running) return;
    const started = Date.now();
    await stopProcessGroup(this.child.pid, {
      signal,
      graceMs: signal === 'SIGKILL' ? 0 : GRACEFUL_STOP_TIMEOUT_MS,
    });
    await this.currentLife.exited;
    if (signal === 'SIGTERM' && this.currentLife.exit === 'SIGKILL') {
      throw new Error(
        `replica ${this.name} did not shut down within ${
          GRACEFUL_STOP_TIMEOUT_MS / 1000
        } s of SIGTERM and was killed`,
      );
    }
    return Date.now() - started;
  }

  get currentLife() {
    return this.lives[this.lives.length - 1];
  }

  /** The replica's logs, one section per life, without the access log of every HTTP request. */
  logs() {
    return this.lives
      .map(life => {
        const lines = life.log
          .join('')
          .replaceAll(ANSI_COLOR, '')
          .split('\n')
          .filter(
            line => line.trim() && !line.includes('type="incomingRequest"'),
          );
        return `----- replica ${this.name}, life ${life.number} (${
          life.exit ?? 'running'
        }) -----\n${lines.join('\n')}`;
      })
      .join('\n');
  }
}
