// Child processes of the adoption test. Every child leads its own process group
// (`detached: true`), so stopping it stops whatever it started (yarn → backstage-cli → node).
import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { stopProcessGroup } from '../processes.mjs';

const TAIL_CHARS = 6000;
const running = new Map(); // pid → name

function describe(cmd, args) {
  return [cmd, ...args].join(' ');
}

/**
 * Runs a command to completion, its output appended to `log`. Resolves with the output's tail;
 * rejects with the command, its exit and the tail of its output.
 */
export function run(cmd, args, { cwd, env, log, timeoutMs = 20 * 60_000 }) {
  appendFileSync(log, `\n$ ${describe(cmd, args)}   (in ${cwd})\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    running.set(child.pid, describe(cmd, args));
    let tail = '';
    const collect = chunk => {
      appendFileSync(log, chunk);
      tail = (tail + chunk.toString()).slice(-TAIL_CHARS);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => {
      tail += `\n[killed after ${timeoutMs / 1000} s]`;
      stopProcessGroup(child.pid, { graceMs: 2000 });
    }, timeoutMs);
    child.on('error', error => {
      clearTimeout(timer);
      running.delete(child.pid);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      running.delete(child.pid);
      if (code === 0) resolve(tail);
      else
        reject(
          new Error(
            `\`${describe(cmd, args)}\` failed (${
              signal ?? `exit ${code}`
            }) in ${cwd}; full output in ${log}. Its last lines:\n${tail}`,
          ),
        );
    });
  });
}

/**
 * Starts a long-running command in its own process group, its output appended to `log`.
 * `exited` tells when it stops on its own; `tail()` is the end of its output.
 */
export function start(name, cmd, args, { cwd, env, log }) {
  appendFileSync(log, `\n$ ${describe(cmd, args)}   (in ${cwd})\n`);
  const child = spawn(cmd, args, {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  running.set(child.pid, name);
  let tail = '';
  const collect = chunk => {
    appendFileSync(log, chunk);
    tail = (tail + chunk.toString()).slice(-TAIL_CHARS);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const handle = {
    name,
    log,
    exitCode: null,
    tail: () => tail,
    stop: async () => {
      await stopProcessGroup(child.pid);
      running.delete(child.pid);
    },
  };
  child.on('close', (code, signal) => {
    handle.exitCode = code ?? signal;
  });
  return handle;
}

/** Stops every process group still running, newest first. */
export async function stopAll() {
  for (const pid of [...running.keys()].reverse()) {
    await stopProcessGroup(pid);
    running.delete(pid);
  }
}
