// The backend README's configuration table must name every key of the config schema the
// installed package ships (config.d.ts), so the guide and the schema cannot drift apart.
import { readFileSync } from 'node:fs';

/** Dotted keys of the leaves of a `Config` interface (`drs.engine.pollIntervalSeconds`, …). */
export function schemaKeys(configDts) {
  const text = configDts
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '');
  const keys = [];
  const path = [];
  for (const m of text.matchAll(/(\w+)\??\s*:\s*(\{)?|(\})/g)) {
    if (m[3]) path.pop();
    else if (m[2]) path.push(m[1]);
    else keys.push([...path, m[1]].join('.'));
  }
  return keys.map(k => k.replace(/^Config\./, ''));
}

export function checkConfigTable(configDtsPath, readmePath) {
  const readme = readFileSync(readmePath, 'utf8');
  const keys = schemaKeys(readFileSync(configDtsPath, 'utf8'));
  const missing = keys.filter(key => !readme.includes(`\`${key}\``));
  if (missing.length > 0)
    throw new Error(
      `${readmePath} does not document ${missing.join(
        ', ',
      )} (from the installed ${configDtsPath})`,
    );
  return `${keys.length} config keys, all in the README`;
}
