// npm run e2e: starts the app and backend on the embedded default (fresh data, fast DRS),
// waits until both answer, runs the Playwright tests, and stops everything it started.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stopProcessGroup } from './processes.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = mkdtempSync(join(tmpdir(), 'drs-e2e-'));
const STARTUP_TIMEOUT_MS = 5 * 60 * 1000;

const app = spawn(
  'npx',
  [
    'backstage-cli',
    'repo',
    'start',
    '--require',
    './src/instrumentation.js',
    '--config',
    join(root, 'app-config.yaml'),
    '--config',
    join(root, 'app-config.e2e.yaml'),
  ],
  {
    cwd: root,
    env: {
      ...process.env,
      DRS_E2E_DATA_DIR: dataDir,
      DRS_METRICS_PORT: process.env.DRS_METRICS_PORT ?? '9474',
      BROWSER: 'none',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  },
);
const log = [];
for (const stream of [app.stdout, app.stderr]) {
  stream.on('data', chunk => log.push(chunk.toString()));
}

/** Stops the whole process group: SIGTERM, then SIGKILL for anything that ignores it. */
async function stop() {
  await stopProcessGroup(app.pid);
  rmSync(dataDir, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    await stop();
    process.exit(130);
  });
}

async function waitFor(url) {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (app.exitCode !== null)
      throw new Error(`the app exited early:\n${log.join('')}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
  throw new Error(
    `${url} did not answer within ${STARTUP_TIMEOUT_MS / 1000} s:\n${log.join(
      '',
    )}`,
  );
}

let code = 1;
try {
  const started = Date.now();
  await waitFor('http://127.0.0.1:7007/api/drs/health');
  await waitFor('http://127.0.0.1:3000/');
  console.log(
    `app and backend up in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  const tests = spawn(
    'npx',
    [
      'playwright',
      'test',
      '--config',
      'e2e/playwright.config.ts',
      ...process.argv.slice(2),
    ],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  code = await new Promise(resolve => tests.on('exit', c => resolve(c ?? 1)));
} catch (error) {
  console.error(error.message);
} finally {
  await stop();
}
process.exit(code);
