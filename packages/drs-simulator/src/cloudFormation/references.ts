import { TemplateError } from './errors';

/** What a part of a template refers to: names (Ref, Fn::Sub) and attributes (Fn::GetAtt, Fn::Sub). */
export interface References {
  names: Set<string>;
  attributes: [string, string][];
}

/** `${Name}` and `${Name.Attribute}` in a Fn::Sub string; `${!Literal}` is text. */
export function subPlaceholders(text: string): string[] {
  return [...text.matchAll(/\$\{([^}]*)\}/g)]
    .map(match => match[1].trim())
    .filter(name => !name.startsWith('!'));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Fn::GetAtt's two forms: `[Resource, Attribute]` and `"Resource.Attribute"`. */
export function getAttTarget(argument: unknown): [string, string] | undefined {
  if (typeof argument === 'string') {
    const dot = argument.indexOf('.');
    return dot > 0
      ? [argument.slice(0, dot), argument.slice(dot + 1)]
      : undefined;
  }
  if (
    Array.isArray(argument) &&
    argument.length === 2 &&
    typeof argument[0] === 'string' &&
    typeof argument[1] === 'string'
  ) {
    return [argument[0], argument[1]];
  }
  return undefined;
}

function addSub(found: References, argument: unknown) {
  const [text, variables] = Array.isArray(argument) ? argument : [argument, {}];
  if (typeof text !== 'string') return;
  const local = isObject(variables) ? variables : {};
  for (const placeholder of subPlaceholders(text)) {
    const dot = placeholder.indexOf('.');
    if (Object.hasOwn(local, placeholder)) continue;
    if (dot > 0) {
      found.attributes.push([
        placeholder.slice(0, dot),
        placeholder.slice(dot + 1),
      ]);
    } else {
      found.names.add(placeholder);
    }
  }
  scan(found, local);
}

function scan(found: References, value: unknown): void {
  if (Array.isArray(value)) {
    value.forEach(item => scan(found, item));
    return;
  }
  if (!isObject(value)) return;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === 'Ref' && typeof value.Ref === 'string') {
    found.names.add(value.Ref);
    return;
  }
  if (keys.length === 1 && keys[0] === 'Fn::GetAtt') {
    const target = getAttTarget(value['Fn::GetAtt']);
    if (target) found.attributes.push(target);
    return;
  }
  if (keys.length === 1 && keys[0] === 'Fn::Sub') {
    addSub(found, value['Fn::Sub']);
    return;
  }
  Object.values(value).forEach(inner => scan(found, inner));
}

/** Every name and attribute a value refers to, in all branches of its Fn::If. */
export function referencesIn(value: unknown): References {
  const found: References = { names: new Set(), attributes: [] };
  scan(found, value);
  return found;
}

/**
 * Resources in an order where each comes after those it depends on; among those free to go,
 * template order. A cycle is CloudFormation's "Circular dependency" error.
 */
export function dependencyOrder<
  T extends { logicalId: string; dependsOn: string[] },
>(resources: T[]): T[] {
  const ordered: T[] = [];
  const placed = new Set<string>();
  let remaining = resources;
  while (remaining.length) {
    const ready = remaining.filter(resource =>
      resource.dependsOn.every(dependency => placed.has(dependency)),
    );
    if (!ready.length) {
      throw new TemplateError(
        `Circular dependency between resources: [${remaining
          .map(resource => resource.logicalId)
          .join(', ')}]`,
      );
    }
    for (const resource of ready) {
      ordered.push(resource);
      placed.add(resource.logicalId);
    }
    remaining = remaining.filter(resource => !placed.has(resource.logicalId));
  }
  return ordered;
}
