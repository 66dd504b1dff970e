// The backend README's configuration table must name every key of the config schema the
// installed package ships, with the schema's default, so the guide and the schema cannot drift
// apart. (Packing turns config.d.ts into the JSON schema its package.json names.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** [dotted key, default] of every leaf of a JSON schema. */
function leaves(schema, path = []) {
  if (!schema.properties) return [[path.join('.'), schema.default]];
  return Object.entries(schema.properties).flatMap(([name, child]) =>
    leaves(child, [...path, name]),
  );
}

export function checkConfigTable(packageDir, readmePath) {
  const { configSchema } = JSON.parse(
    readFileSync(join(packageDir, 'package.json'), 'utf8'),
  );
  if (!configSchema?.endsWith('.json'))
    throw new Error(`${packageDir} ships no JSON config schema`);
  const schema = JSON.parse(
    readFileSync(join(packageDir, configSchema), 'utf8'),
  );
  const rows = readFileSync(readmePath, 'utf8')
    .split('\n')
    .filter(line => line.startsWith('|'));
  const problems = leaves(schema).flatMap(([key, value]) => {
    const row = rows.find(r => r.startsWith(`| \`${key}\``));
    if (!row) return [`${key} is not in its configuration table`];
    if (value !== undefined && !row.includes(`\`${value}\``))
      return [`${key}'s row does not give its default \`${value}\``];
    return [];
  });
  if (problems.length > 0)
    throw new Error(
      `${readmePath} disagrees with the installed config schema: ${problems.join(
        '; ',
      )}`,
    );
  return `${
    leaves(schema).length
  } config keys, each in the README with its default`;
}
