// A brand-new Backstage app from @backstage/create-app, as a new adopter starts, plus the
// frontend package of the same create-app's legacy template (`--legacy`) as a second app
// package, so the legacy install steps are tried on the EntityPage.tsx it generates.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { run } from './shell.mjs';
import { installYarnShim } from './toolchain.mjs';

export const CREATE_APP = '@backstage/create-app@0.9.2';
/** Where the legacy template's frontend package goes in the new app. */
export const LEGACY_APP_DIR = 'packages/app-legacy';

async function installCreateApp(tmp, env, log) {
  const prefix = join(tmp, 'create-app');
  await run('npm', ['install', '--prefix', prefix, '--no-save', CREATE_APP], {
    cwd: tmp,
    env,
    log,
  });
  return join(prefix, 'node_modules', '@backstage', 'create-app');
}

/** Runs create-app non-interactively into `dir` (`legacy` picks its `--legacy` template). */
async function createApp(createAppDir, dir, { env, log, legacy }) {
  await run(
    'node',
    [
      join(createAppDir, 'bin', 'backstage-create-app'),
      '--path',
      dir,
      '--skip-install',
      ...(legacy ? ['--legacy'] : []),
    ],
    {
      cwd: join(dir, '..'),
      env: { ...env, BACKSTAGE_APP_NAME: 'drs-adopter' },
      log,
    },
  );
  return JSON.parse(readFileSync(join(dir, 'backstage.json'), 'utf8')).version;
}

/**
 * The new app in `ctx.appDir`, with the legacy template's frontend as `packages/app-legacy`.
 * create-app wants a yarn before it starts: the shim first runs the release its own template
 * ships, then the new app's (the same release).
 */
export async function createApps(ctx) {
  const options = { env: ctx.env, log: ctx.log('create-app') };
  const createAppDir = await installCreateApp(ctx.tmp, ctx.env, options.log);
  installYarnShim(ctx.tmp, join(createAppDir, 'templates', 'default-app'));
  const version = await createApp(createAppDir, ctx.appDir, options);
  const legacyDir = join(ctx.tmp, 'legacy-app');
  await createApp(createAppDir, legacyDir, { ...options, legacy: true });
  addLegacyApp(legacyDir, ctx.appDir);
  const yarn = installYarnShim(ctx.tmp, ctx.appDir);
  return { createAppDir, version, yarn };
}

/** Copies the legacy template's packages/app into the new app as `app-legacy`. */
function addLegacyApp(legacyDir, appDir) {
  const target = join(appDir, LEGACY_APP_DIR);
  cpSync(join(legacyDir, 'packages', 'app'), target, { recursive: true });
  const manifest = join(target, 'package.json');
  const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
  writeFileSync(
    manifest,
    `${JSON.stringify({ ...pkg, name: 'app-legacy' }, null, 2)}\n`,
  );
}

/**
 * Pins every package create-app knows to the version it was released with (without its
 * yarn.lock seed, which it fetches from GitHub, caret ranges float to later releases and the
 * generated backend crashes at start), and the @drs-orchestration packages to the tarballs,
 * so that their dependencies on each other resolve to the tarballs too.
 */
export function pinVersions(createAppDir, appDir, tarballs) {
  const require = createRequire(import.meta.url);
  const { packageVersions } = require(join(
    createAppDir,
    'dist',
    'lib',
    'versions.cjs.js',
  ));
  const manifest = join(appDir, 'package.json');
  const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
  const pinned = Object.fromEntries(
    Object.entries(packageVersions).filter(([name]) => name !== 'root'),
  );
  const local = Object.fromEntries(
    Object.entries(tarballs).map(([name, file]) => [name, `file:${file}`]),
  );
  pkg.resolutions = { ...pkg.resolutions, ...pinned, ...local };
  writeFileSync(manifest, `${JSON.stringify(pkg, null, 2)}\n`);
  return Object.keys(pinned).length;
}
