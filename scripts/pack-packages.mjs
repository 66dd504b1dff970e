#!/usr/bin/env node
// Packs every publishable workspace (not private) into a folder, as `npm publish` would, and
// refuses a tarball that carries what a consumer does not need: tests, test utilities,
// benchmarks, chaos code, fixtures, source maps of tests.
// usage: node scripts/pack-packages.mjs [--out dist-packs]   (run `npm run build` first)
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const outIndex = process.argv.indexOf('--out');
const out = resolve(
  root,
  outIndex > 0 ? process.argv[outIndex + 1] : 'dist-packs',
);
mkdirSync(out, { recursive: true });

const FORBIDDEN = [
  /\.test\.[jt]sx?(\.map)?$/,
  /__testUtils__|\/testUtils\b|__fixtures__|\/fixtures\//,
  /(^|\/)(bench|chaos|e2e)\//,
  /(^|\/)src\//,
  /setupTests/,
];

export function publishableWorkspaces() {
  const dirs = [];
  for (const top of ['plugins', 'packages']) {
    for (const name of readdirSync(join(root, top))) {
      const manifest = join(root, top, name, 'package.json');
      if (!existsSync(manifest)) continue;
      const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
      if (!pkg.private) dirs.push({ dir: `${top}/${name}`, name: pkg.name });
    }
  }
  return dirs;
}

const problems = [];
for (const { dir, name } of publishableWorkspaces()) {
  if (!existsSync(join(root, dir, 'dist'))) {
    problems.push(`${name}: no dist/ (run npm run build first)`);
    continue;
  }
  const [report] = JSON.parse(
    execFileSync(
      'npm',
      ['pack', '--json', '--workspace', dir, '--pack-destination', out],
      { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    ),
  );
  const files = report.files.map(f => f.path);
  const bad = files.filter(f => FORBIDDEN.some(rule => rule.test(f)));
  for (const f of bad)
    problems.push(`${name}: ${f} does not belong in the package`);
  if (!files.includes('dist/index.d.ts'))
    problems.push(`${name}: no type declarations (dist/index.d.ts)`);
  console.log(
    `${report.filename}  ${files.length} files, ${(report.size / 1024).toFixed(
      1,
    )} kB packed`,
  );
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
