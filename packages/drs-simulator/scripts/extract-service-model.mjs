#!/usr/bin/env node
/*
 * Extracts the operations the simulator serves, and only the shapes they reach, from one of
 * botocore's service models, so the package carries AWS's contract without the whole model.
 * Documentation strings are dropped; everything else is copied as it is.
 *
 * node scripts/extract-service-model.mjs --model service-2.json --paginators paginators-1.json \
 *   --source 'boto/botocore 1.34.52 (commit …) botocore/data/ssm/2014-11-06' \
 *   --out model/ssm-service-model.json StartAutomationExecution GetAutomationExecution …
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values, positionals: operations } = parseArgs({
  options: {
    model: { type: 'string' },
    paginators: { type: 'string' },
    source: { type: 'string' },
    out: { type: 'string' },
  },
  allowPositionals: true,
});
if (!values.model || !values.source || !values.out || !operations.length) {
  throw new Error(
    'usage: --model FILE [--paginators FILE] --source TEXT --out FILE Operation…',
  );
}

const withoutDocumentation = value => {
  if (Array.isArray(value)) return value.map(withoutDocumentation);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'documentation')
      .map(([key, inner]) => [key, withoutDocumentation(inner)]),
  );
};

const model = JSON.parse(readFileSync(values.model, 'utf8'));
const reached = new Set();
const reach = name => {
  if (reached.has(name)) return;
  const shape = model.shapes[name];
  if (!shape) throw new Error(`shape ${name} is not in the model`);
  reached.add(name);
  for (const member of Object.values(shape.members ?? {})) reach(member.shape);
  for (const key of ['member', 'key', 'value']) {
    if (shape[key]) reach(shape[key].shape);
  }
};

const extracted = {};
for (const name of operations) {
  const operation = model.operations[name];
  if (!operation) throw new Error(`operation ${name} is not in the model`);
  extracted[name] = withoutDocumentation(operation);
  for (const ref of [
    operation.input,
    operation.output,
    ...(operation.errors ?? []),
  ]) {
    if (ref) reach(ref.shape);
  }
}
const pagination = values.paginators
  ? JSON.parse(readFileSync(values.paginators, 'utf8')).pagination
  : {};

const output = {
  source: `${values.source}: the operations below and the shapes they reach, without documentation`,
  version: model.version,
  metadata: model.metadata,
  operations: extracted,
  shapes: Object.fromEntries(
    Object.keys(model.shapes)
      .filter(name => reached.has(name))
      .map(name => [name, withoutDocumentation(model.shapes[name])]),
  ),
  pagination: Object.fromEntries(
    operations
      .filter(name => pagination[name])
      .map(name => [name, pagination[name]]),
  ),
};
writeFileSync(values.out, `${JSON.stringify(output, null, 2)}\n`);
