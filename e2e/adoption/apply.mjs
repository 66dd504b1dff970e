// Applies the READMEs' marked steps to the new app (see readmeSteps.mjs for the markers).
import { join } from 'node:path';
import { README_PORTS } from './config.mjs';
import {
  applyFileStep,
  commandLines,
  expandForApps,
  readSteps,
} from './readmeSteps.mjs';
import { run, start } from './shell.mjs';
import { waitForPort } from './checks.mjs';

/** The install guides, in the order an adopter follows them. */
export const READMES = [
  'plugins/drs-backend/README.md',
  'plugins/scaffolder-backend-module-drs/README.md',
  'plugins/drs-common/README.md',
  'plugins/drs/README.md',
];

export function readAllSteps(root) {
  return expandForApps(
    READMES.flatMap(readme => readSteps(join(root, readme), root)),
  );
}

function yarnArgs(step, line) {
  const [cmd, ...args] = line.split(/\s+/);
  if (cmd !== 'yarn')
    throw new Error(`${step.where}: only yarn commands are run, not '${line}'`);
  return args;
}

/** Runs the `run` steps and applies the file steps, in README order. */
export async function applyReadmeSteps(steps, tarballs, ctx) {
  const counts = {};
  for (const step of steps) {
    if (step.action === 'start') continue;
    counts[step.action] = (counts[step.action] ?? 0) + 1;
    if (step.action !== 'run') {
      applyFileStep(step, ctx.appDir);
      continue;
    }
    for (const line of commandLines(step)) {
      // the README's package names, installed from this repository's tarballs
      const args = yarnArgs(step, line).map(arg => {
        if (!arg.startsWith('@drs-orchestration/')) return arg;
        if (!tarballs[arg])
          throw new Error(
            `${step.where}: ${arg} is not a package this repository packs`,
          );
        return `${arg}@file:${tarballs[arg]}`;
      });
      await run('yarn', args, {
        cwd: ctx.appDir,
        env: ctx.env,
        log: ctx.log('readme-commands'),
      });
    }
  }
  return Object.entries(counts)
    .map(([action, n]) => `${n} ${action}`)
    .join(', ');
}

/**
 * Starts the `start` steps' commands (dynalite, the simulator) with the test's ports in place
 * of the README's, and waits until each listens.
 */
export async function startReadmeProcesses(steps, ports, ctx) {
  const byReadmePort = {
    [README_PORTS.simulator]: String(ports.simulator),
    [README_PORTS.dynamodb]: String(ports.dynamodb),
  };
  const started = [];
  for (const step of steps.filter(s => s.action === 'start')) {
    for (const line of commandLines(step)) {
      const args = yarnArgs(step, line).map(a => byReadmePort[a] ?? a);
      const port = Number(args[args.indexOf('--port') + 1]);
      const handle = start(args[0], 'yarn', args, {
        cwd: ctx.appDir,
        env: ctx.env,
        log: ctx.log(args[0]),
      });
      started.push(handle);
      await waitForPort(port, handle);
    }
  }
  if (started.length === 0)
    throw new Error('the backend README starts no local stand-ins');
  return started;
}
