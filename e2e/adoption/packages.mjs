// Builds this repository's publishable packages and packs them as an adopter would get them.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './shell.mjs';

/** The workspaces an adopter installs (their package.json says where `dist/` is once packed). */
export const PUBLISHABLE = [
  'plugins/drs-common',
  'plugins/drs',
  'plugins/drs-backend',
  'plugins/scaffolder-backend-module-drs',
  'packages/drs-simulator',
];

/** `tsc` for the declarations, then `backstage-cli repo build` (every package but the bundles). */
export async function buildPackages(root, log) {
  const env = process.env; // the repository's own toolchain, not the new app's
  await run('npx', ['tsc'], { cwd: root, env, log });
  await run('npx', ['backstage-cli', 'repo', 'build'], { cwd: root, env, log });
}

/** Packs each publishable workspace (prepack points package.json at dist/); name → tarball. */
export async function packPackages(root, destination, log) {
  mkdirSync(destination, { recursive: true });
  const tarballs = {};
  const warnings = [];
  for (const dir of PUBLISHABLE) {
    const { name } = JSON.parse(
      readFileSync(join(root, dir, 'package.json'), 'utf8'),
    );
    await run(
      'npm',
      ['pack', '--workspace', dir, '--pack-destination', destination],
      { cwd: root, env: process.env, log },
    );
    const file = readdirSync(destination).find(f =>
      f.startsWith(`${name.replace('@', '').replace('/', '-')}-`),
    );
    if (!file) throw new Error(`npm pack left no tarball for ${name}`);
    tarballs[name] = join(destination, file);
    warnings.push(...checkTarball(name, tarballs[name]));
  }
  return { tarballs, warnings };
}

/**
 * Every file the packed package.json points at must be in the tarball. A missing `main` or
 * `module` is only reported when `exports` is there, which bundlers, Node and TypeScript read
 * instead; a missing `types`, export target or bin fails.
 */
function checkTarball(name, tarball) {
  const tar = args =>
    execFileSync('tar', args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const files = new Set(
    tar(['tzf', tarball])
      .split('\n')
      .map(f => f.replace(/^package\//, '')),
  );
  const manifest = JSON.parse(
    tar(['xzf', tarball, '-O', 'package/package.json']),
  );
  const absent = paths =>
    paths
      .filter(Boolean)
      .map(p => p.replace(/^\.\//, ''))
      .filter(p => !files.has(p));
  const exportTargets = Object.values(manifest.exports ?? {}).flatMap(e =>
    typeof e === 'string'
      ? [e]
      : Object.entries(e)
          .filter(([condition]) => condition !== 'backstage') // metadata, not a file
          .map(([, target]) => target),
  );
  const missing = absent([
    manifest.types,
    ...Object.values(manifest.bin ?? {}),
    ...exportTargets,
    ...(manifest.exports ? [] : [manifest.main, manifest.module]),
  ]);
  if (missing.length > 0)
    throw new Error(
      `${name}: its packed package.json names ${missing.join(
        ', ',
      )}, which the tarball does not contain (is a prepack script rewriting it to dist/ missing?)`,
    );
  const ignored = manifest.exports
    ? absent([manifest.main, manifest.module])
    : [];
  return ignored.map(
    file =>
      `${name}: package.json names ${file}, which is not in the tarball (exports are used instead)`,
  );
}
