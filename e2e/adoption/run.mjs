// npm run test:adoption: installs this repository's plugins into a brand-new Backstage app
// exactly as their READMEs say, starts it, and checks that it works (see e2e/adoption/README.md).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkBackend, checkFrontend, waitForUrl } from './checks.mjs';
import { expectations, freePorts, writeOverlays } from './config.mjs';
import { createApps, LEGACY_APP_DIR, pinVersions } from './createApp.mjs';
import { checkConfigTable } from './configKeys.mjs';
import { buildPackages, packPackages } from './packages.mjs';
import {
  applyReadmeSteps,
  readAllSteps,
  startReadmeProcesses,
} from './apply.mjs';
import { run, start, stopAll } from './shell.mjs';
import { typeCheck } from './typecheck.mjs';
import { installNode, npmRegistry, toolEnv } from './toolchain.mjs';

const BACKEND = '@drs-orchestration/plugin-drs-backend';
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'drs-adoption-'));
const logs = join(tmp, 'logs');
mkdirSync(logs);
const ctx = {
  root,
  tmp,
  appDir: join(tmp, 'app'),
  env: toolEnv(tmp, npmRegistry()),
  log: name => join(logs, `${name}.log`),
  warnings: [],
};
const timings = [];

async function phase(name, fn) {
  const started = Date.now();
  console.log(`▶ ${name}`);
  const result = await fn();
  const seconds = (Date.now() - started) / 1000;
  timings.push([name, seconds]);
  const said = typeof result === 'string' ? `: ${result}` : '';
  console.log(`✓ ${name} (${seconds.toFixed(1)} s)${said}`);
  return result;
}

function printTimings() {
  const total = timings.reduce((sum, [, s]) => sum + s, 0);
  console.log('\nphase timings:');
  for (const [name, s] of timings)
    console.log(`  ${s.toFixed(1).padStart(7)} s  ${name}`);
  console.log(`  ${total.toFixed(1).padStart(7)} s  total`);
}

/** Starts one of the app's packages with the app's config, the README's local one and ours. */
function startPackage(name, overlays) {
  const configs = [
    join(ctx.appDir, 'app-config.yaml'),
    join(ctx.appDir, 'app-config.local.yaml'),
    ...overlays,
  ].flatMap(file => ['--config', file]);
  return start(name, 'yarn', ['workspace', name, 'start', ...configs], {
    cwd: ctx.appDir,
    env: ctx.env,
    log: ctx.log(name),
  });
}

/** Everything up to a type-checked app with the READMEs' steps applied. */
async function prepareApp(steps) {
  await phase('install Node 22 from the registry', () =>
    installNode(tmp, ctx.env, ctx.log('toolchain')),
  );
  const tarballs = await phase('build and pack the plugins', async () => {
    // ADOPTION_SKIP_BUILD=1 packs the dist/ folders as they are (for iterating on this test)
    if (!process.env.ADOPTION_SKIP_BUILD)
      await buildPackages(root, ctx.log('build'));
    const packed = await packPackages(
      root,
      join(tmp, 'tarballs'),
      ctx.log('build'),
    );
    ctx.warnings.push(...packed.warnings);
    packed.warnings.forEach(w => console.log(`  warning: ${w}`));
    return packed.tarballs;
  });
  let created;
  await phase('create the app (also --legacy)', async () => {
    created = await createApps(ctx);
    return `Backstage ${created.version}, yarn ${created.yarn}`;
  });
  await phase('yarn install (versions pinned)', async () => {
    const pinned = pinVersions(created.createAppDir, ctx.appDir, tarballs);
    await run('yarn', ['install'], {
      cwd: ctx.appDir,
      env: ctx.env,
      log: ctx.log('yarn-install'),
      timeoutMs: 30 * 60_000,
    });
    return `${pinned} packages pinned to create-app's versions, ${LEGACY_APP_DIR} added`;
  });
  await phase('apply the READMEs install steps', () =>
    applyReadmeSteps(steps, tarballs, ctx),
  );
  await phase('the backend README lists every config key', async () =>
    checkConfigTable(
      join(ctx.appDir, 'node_modules', BACKEND),
      join(root, 'plugins', 'drs-backend', 'README.md'),
    ),
  );
  await phase('yarn tsc in the app', () => typeCheck(ctx));
}

/** Starts the local stand-ins, the backend and each frontend in turn, and checks them. */
async function startAndCheck(steps, expected, ports) {
  const overlays = writeOverlays(tmp, ports);
  const localAws = await phase(
    'start dynalite and the simulator (README commands)',
    () => startReadmeProcesses(steps, ports, ctx),
  );
  const backendUrl = `http://localhost:${ports.backend}`;
  const backend = startPackage('backend', [overlays.main]);
  await phase('start the backend', () =>
    waitForUrl(`${backendUrl}/.backstage/health/v1/readiness`, [
      backend,
      ...localAws,
    ]),
  );
  await phase('check the backend API', () =>
    checkBackend(backendUrl, expected),
  );
  for (const [name, port, extra] of [
    ['app', ports.frontend, []],
    ['app-legacy', ports.legacyFrontend, [overlays.legacy]],
  ]) {
    const url = `http://localhost:${port}`;
    const frontend = startPackage(name, [overlays.main, ...extra]);
    await phase(`start the frontend ${name}`, () =>
      waitForUrl(url, [frontend, backend, ...localAws]),
    );
    await phase(`check ${name} in Chromium`, () =>
      checkFrontend(url, expected, join(logs, `${name}-dr-plans.png`)),
    );
    await frontend.stop();
  }
}

async function main() {
  const steps = readAllSteps(root);
  const expected = expectations(steps);
  const ports = await freePorts([
    'backend',
    'frontend',
    'legacyFrontend',
    'simulator',
    'dynamodb',
  ]);
  console.log(
    `temporary folder ${tmp}\n${steps.length} README steps; example entity ${
      expected.entity
    }; ports ${JSON.stringify(ports)}`,
  );
  await prepareApp(steps);
  await startAndCheck(steps, expected, ports);
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: stopping everything the test started`);
    await stopAll();
    console.error(`kept for inspection: ${tmp}`);
    process.exit(130);
  });
}

let code = 0;
try {
  await main();
  console.log('\nadoption test passed');
  ctx.warnings.forEach(w => console.log(`warning: ${w}`));
} catch (error) {
  code = 1;
  console.error(`\nadoption test FAILED: ${error.message}`);
} finally {
  await stopAll();
  printTimings();
  if (code === 0 && !process.env.ADOPTION_KEEP)
    rmSync(tmp, { recursive: true, force: true });
  else console.log(`kept for inspection: ${tmp} (logs in ${logs})`);
}
process.exit(code);
