#!/usr/bin/env node
// Known vulnerabilities in what the packages ship: `npm audit --omit=dev` at high severity.
// Where the registry's audit endpoint cannot be reached (some mirrors answer 405, closed
// networks cannot resolve it), that is said plainly and the lockfile is checked instead:
// every installed package pinned by an sha512 integrity hash, none from git, a URL or a path
// outside the workspace, and no download address recorded.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const audit = spawnSync(
  'npm',
  ['audit', '--omit=dev', '--audit-level=high', '--json'],
  { cwd: root, encoding: 'utf8' },
);

const unreachable =
  /audit endpoint returned an error|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN/.test(
    audit.stderr,
  );
if (!unreachable) {
  const report = JSON.parse(audit.stdout || '{}');
  const counts = report.metadata?.vulnerabilities ?? {};
  console.log(`npm audit --omit=dev: ${JSON.stringify(counts)}`);
  process.exit(audit.status === 0 ? 0 : 1);
}

const reason = audit.stderr
  .split('\n')
  .find(line => /audit endpoint|network request/.test(line))
  ?.replace(/https?:\/\/\S+/g, '<registry>');
console.log(
  `npm audit: the registry's audit endpoint cannot be reached from here (${reason?.trim()}); the vulnerability database was not consulted. Checking the lockfile instead.`,
);
const lock = JSON.parse(
  readFileSync(resolve(root, 'package-lock.json'), 'utf8'),
);
const problems = [];
let checked = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  if (!path.includes('node_modules/') || entry.link) continue;
  checked++;
  if (!entry.integrity?.startsWith('sha512-')) {
    problems.push(`${path}: no sha512 integrity hash`);
  }
  if (entry.resolved) {
    problems.push(
      `${path}: records where it was downloaded (${entry.resolved.replace(
        /^(\w+:).*/,
        '$1…',
      )})`,
    );
  }
}
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [name, spec] of Object.entries(entry.dependencies ?? {})) {
    if (/^(git|github:|https?:|file:\.\.\/\.\.)/.test(spec)) {
      problems.push(
        `${path || 'root'}: ${name} comes from ${spec}, not the registry`,
      );
    }
  }
}
console.log(
  `lockfile: ${checked} installed packages checked, ${problems.length} problems`,
);
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
