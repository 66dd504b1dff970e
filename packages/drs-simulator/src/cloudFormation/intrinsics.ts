import { TemplateError } from './errors';
import { getAttTarget, subPlaceholders } from './references';
import { attributeValue, PhysicalIdentity } from './resourceTypes';

/** What `Ref: AWS::NoValue` resolves to: the property it stands for is left out. */
export const NO_VALUE = Symbol('AWS::NoValue');

/** What a template's intrinsic functions read: parameters, resources, conditions, mappings. */
export interface Resolver {
  /** A parameter's or pseudo parameter's value; undefined when there is none of that name. */
  parameter(name: string): string | string[] | undefined;
  /** A resource of the stack; undefined when there is none of that name (or it is conditioned out). */
  resource(logicalId: string): PhysicalIdentity | undefined;
  /** Whether a condition of the Conditions block holds. */
  condition(name: string): boolean;
  mappings: Record<string, unknown>;
  region: string;
}

type Intrinsic = (argument: unknown, resolver: Resolver) => unknown;

function unresolved(name: string): TemplateError {
  return new TemplateError(
    `Template format error: Unresolved resource dependencies [${name}] in the Resources block of the template`,
  );
}

function invalid(fn: string, argument: unknown): TemplateError {
  return new TemplateError(
    `Template error: ${fn} has invalid arguments: ${JSON.stringify(argument)}`,
  );
}

function ref(name: unknown, resolver: Resolver): unknown {
  if (typeof name !== 'string') throw invalid('Ref', name);
  if (name === 'AWS::NoValue') return NO_VALUE;
  const parameter = resolver.parameter(name);
  if (parameter !== undefined) return parameter;
  const resource = resolver.resource(name);
  if (!resource) throw unresolved(name);
  return resource.physicalId;
}

function getAtt(argument: unknown, resolver: Resolver): string {
  const target = getAttTarget(argument);
  if (!target) throw invalid('Fn::GetAtt', argument);
  const resource = resolver.resource(target[0]);
  if (!resource) throw unresolved(target[0]);
  return attributeValue(resource, target[1]);
}

function asText(value: unknown, fn: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  throw invalid(fn, value);
}

function sub(argument: unknown, resolver: Resolver): string {
  const [template, variables] = Array.isArray(argument)
    ? argument
    : [argument, {}];
  if (typeof template !== 'string') throw invalid('Fn::Sub', argument);
  const local = resolveValue(variables ?? {}, resolver) as Record<
    string,
    unknown
  >;
  const values = new Map(
    subPlaceholders(template).map(placeholder => {
      if (Object.hasOwn(local, placeholder)) {
        return [placeholder, asText(local[placeholder], 'Fn::Sub')];
      }
      const dot = placeholder.indexOf('.');
      return [
        placeholder,
        dot > 0
          ? getAtt(placeholder, resolver)
          : asText(ref(placeholder, resolver), 'Fn::Sub'),
      ];
    }),
  );
  return template.replace(/\$\{([^}]*)\}/g, (_whole, inner: string) => {
    const name = inner.trim();
    return name.startsWith('!') ? `\${${name.slice(1)}}` : values.get(name)!;
  });
}

function list(value: unknown, fn: string): unknown[] {
  if (!Array.isArray(value)) throw invalid(fn, value);
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A condition's value: a condition function, or `{ Condition: name }` naming another condition
 * of the Conditions block.
 */
export function condition(value: unknown, resolver: Resolver): boolean {
  if (
    isObject(value) &&
    Object.keys(value).length === 1 &&
    'Condition' in value
  ) {
    return resolver.condition(asText(value.Condition, 'Condition'));
  }
  const resolved = resolveValue(value, resolver);
  if (typeof resolved === 'boolean') return resolved;
  if (resolved === 'true' || resolved === 'false') return resolved === 'true';
  throw invalid('a condition', value);
}

const INTRINSICS: Record<string, Intrinsic> = {
  Ref: ref,
  'Fn::GetAtt': getAtt,
  'Fn::Sub': sub,
  'Fn::Join': (argument, resolver) => {
    const [delimiter, items] = list(argument, 'Fn::Join');
    return list(resolveValue(items, resolver), 'Fn::Join')
      .map(item => asText(item, 'Fn::Join'))
      .join(asText(delimiter, 'Fn::Join'));
  },
  'Fn::Select': (argument, resolver) => {
    const [index, items] = list(resolveValue(argument, resolver), 'Fn::Select');
    const chosen = list(items, 'Fn::Select')[Number(index)];
    if (chosen === undefined) throw invalid('Fn::Select', argument);
    return chosen;
  },
  'Fn::Split': (argument, resolver) => {
    const [delimiter, value] = list(
      resolveValue(argument, resolver),
      'Fn::Split',
    );
    return asText(value, 'Fn::Split').split(asText(delimiter, 'Fn::Split'));
  },
  'Fn::If': (argument, resolver) => {
    const [name, whenTrue, whenFalse] = list(argument, 'Fn::If');
    return resolveValue(
      resolver.condition(asText(name, 'Fn::If')) ? whenTrue : whenFalse,
      resolver,
    );
  },
  'Fn::Equals': (argument, resolver) => {
    const [a, b] = list(resolveValue(argument, resolver), 'Fn::Equals');
    return JSON.stringify(a) === JSON.stringify(b);
  },
  'Fn::Not': (argument, resolver) =>
    !condition(list(argument, 'Fn::Not')[0], resolver),
  'Fn::And': (argument, resolver) =>
    list(argument, 'Fn::And').every(item => condition(item, resolver)),
  'Fn::Or': (argument, resolver) =>
    list(argument, 'Fn::Or').some(item => condition(item, resolver)),
  'Fn::FindInMap': (argument, resolver) => {
    const [map, first, second] = list(
      resolveValue(argument, resolver),
      'Fn::FindInMap',
    ).map(key => asText(key, 'Fn::FindInMap'));
    const found = ((
      resolver.mappings[map] as Record<string, Record<string, unknown>>
    )?.[first] ?? {})[second];
    if (found === undefined) throw invalid('Fn::FindInMap', argument);
    return found;
  },
  'Fn::Base64': (argument, resolver) =>
    Buffer.from(
      asText(resolveValue(argument, resolver), 'Fn::Base64'),
    ).toString('base64'),
  'Fn::GetAZs': (_argument, resolver) =>
    ['a', 'b', 'c'].map(zone => `${resolver.region}${zone}`),
};

/**
 * A template value with its intrinsic functions resolved. `AWS::NoValue` leaves out the
 * property or list item it stands for; a function the simulator does not know is refused.
 */
export function resolveValue(value: unknown, resolver: Resolver): unknown {
  if (Array.isArray(value)) {
    return value
      .map(item => resolveValue(item, resolver))
      .filter(item => item !== NO_VALUE);
  }
  if (!isObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) {
    const fn = keys[0];
    if (!Object.hasOwn(INTRINSICS, fn)) {
      throw new TemplateError(
        `Template format error: the simulator does not resolve ${fn}`,
      );
    }
    return INTRINSICS[fn](value[fn], resolver);
  }
  return Object.fromEntries(
    Object.entries(value)
      .map(([key, inner]) => [key, resolveValue(inner, resolver)])
      .filter(([, inner]) => inner !== NO_VALUE),
  );
}
