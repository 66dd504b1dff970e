import { ServiceModel, ShapeModel } from './model';

export interface ShapeIssue {
  /** Where in the document, e.g. `sourceServers[0].sourceServerID`. */
  path: string;
  message: string;
}

export interface ValidateOptions {
  /**
   * Responses must not carry members the model does not know (a typo would go
   * unnoticed by the SDK, which drops them). Requests may: AWS ignores them.
   */
  allowUnknownMembers: boolean;
}

/** What every check of one value needs: where it is, and against what. */
interface ValueCheck {
  model: ServiceModel;
  shapeName: string;
  shape: ShapeModel;
  options: ValidateOptions;
  /** The value's path in the document; '' for the document itself. */
  path: string;
  /** The path as issues name it. */
  at: string;
}

const patternCache = new Map<string, RegExp>();

/**
 * Model patterns are matched against the whole value: every ID we emit must be exactly in format.
 * They are Java regular expressions: Unicode mode reads their `\p{L}` classes as Java does.
 */
function fullMatch(pattern: string): RegExp {
  let regex = patternCache.get(pattern);
  if (!regex) {
    regex = new RegExp(`^(?:${pattern})$`, 'u');
    patternCache.set(pattern, regex);
  }
  return regex;
}

function join(path: string, member: string): string {
  return path ? `${path}.${member}` : member;
}

/** Checks a JSON value against a shape of the model: types, required members, enums, lengths, patterns. */
export function validateShape(
  model: ServiceModel,
  shapeName: string,
  value: unknown,
  options: ValidateOptions,
  path = '',
): ShapeIssue[] {
  const shape = model.shapes[shapeName];
  if (!shape) {
    return [{ path, message: `unknown shape ${shapeName}` }];
  }
  const check: ValueCheck = {
    model,
    shapeName,
    shape,
    options,
    path,
    at: path || '(document)',
  };
  const issue = (message: string): ShapeIssue[] => [
    { path: check.at, message },
  ];
  switch (shape.type) {
    case 'structure':
      return validateStructure(check, value);
    case 'list':
      return validateList(check, value);
    case 'map':
      return validateMap(check, value);
    case 'string':
      return validateString(check, value);
    case 'integer':
    case 'long':
      return validateInteger(check, value);
    case 'double':
    case 'float':
      // A number, NaN and infinities included: the service, not the model, refuses those.
      return typeof value === 'number' ? [] : issue('must be a number');
    case 'boolean':
      return typeof value === 'boolean' ? [] : issue('must be a boolean');
    case 'timestamp':
      return typeof value === 'number' || typeof value === 'string'
        ? []
        : issue('must be a timestamp');
    default:
      return issue(`has unsupported model type ${String(shape.type)}`);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function validateStructure(
  { model, shapeName, shape, options, path, at }: ValueCheck,
  value: unknown,
): ShapeIssue[] {
  if (!isPlainObject(value)) {
    return [{ path: at, message: `must be an object (${shapeName})` }];
  }
  const members = shape.members ?? {};
  const issues: ShapeIssue[] = [];
  for (const required of shape.required ?? []) {
    if (value[required] === undefined || value[required] === null) {
      issues.push({ path: join(path, required), message: 'is required' });
    }
  }
  for (const [name, memberValue] of Object.entries(value)) {
    const member = members[name];
    if (!member || member.location) {
      // Header, URI and query members never travel in the JSON body.
      if (!options.allowUnknownMembers) {
        issues.push({
          path: join(path, name),
          message: `is not a member of ${shapeName}`,
        });
      }
      continue;
    }
    if (memberValue === undefined || memberValue === null) continue;
    issues.push(
      ...validateShape(
        model,
        member.shape,
        memberValue,
        options,
        join(path, name),
      ),
    );
  }
  if (shape.union && Object.keys(value).length !== 1) {
    issues.push({ path: at, message: 'must set exactly one member' });
  }
  return issues;
}

function validateList(
  { model, shape, options, path, at }: ValueCheck,
  value: unknown,
): ShapeIssue[] {
  if (!Array.isArray(value)) return [{ path: at, message: 'must be a list' }];
  const issues = checkLength(shape, value.length, at, 'items');
  value.forEach((item, index) =>
    issues.push(
      ...validateShape(
        model,
        shape.member!.shape,
        item,
        options,
        `${path}[${index}]`,
      ),
    ),
  );
  return issues;
}

function validateMap(
  { model, shape, options, path, at }: ValueCheck,
  value: unknown,
): ShapeIssue[] {
  if (!isPlainObject(value)) return [{ path: at, message: 'must be a map' }];
  const entries = Object.entries(value);
  const issues = checkLength(shape, entries.length, at, 'entries');
  for (const [key, entryValue] of entries) {
    const entryPath = `${path}[${JSON.stringify(key)}]`;
    issues.push(
      ...validateShape(model, shape.key!.shape, key, options, entryPath),
      ...validateShape(
        model,
        shape.value!.shape,
        entryValue,
        options,
        entryPath,
      ),
    );
  }
  return issues;
}

function validateString(
  { shape, at }: ValueCheck,
  value: unknown,
): ShapeIssue[] {
  if (typeof value !== 'string') {
    return [{ path: at, message: 'must be a string' }];
  }
  if (shape.enum && !shape.enum.includes(value)) {
    return [
      {
        path: at,
        message: `must be one of ${shape.enum.join(', ')} (got ${JSON.stringify(
          value,
        )})`,
      },
    ];
  }
  const issues = checkLength(shape, value.length, at, 'characters');
  if (shape.pattern && !fullMatch(shape.pattern).test(value)) {
    issues.push({
      path: at,
      message: `must match pattern ${shape.pattern} (got ${JSON.stringify(
        value,
      )})`,
    });
  }
  return issues;
}

function validateInteger(
  { shape, at }: ValueCheck,
  value: unknown,
): ShapeIssue[] {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    return [{ path: at, message: 'must be an integer' }];
  }
  if (shape.min !== undefined && value < shape.min) {
    return [{ path: at, message: `must be >= ${shape.min}` }];
  }
  if (shape.max !== undefined && value > shape.max) {
    return [{ path: at, message: `must be <= ${shape.max}` }];
  }
  return [];
}

function checkLength(
  shape: ShapeModel,
  length: number,
  at: string,
  unit: string,
): ShapeIssue[] {
  if (shape.min !== undefined && length < shape.min) {
    return [{ path: at, message: `must have at least ${shape.min} ${unit}` }];
  }
  if (shape.max !== undefined && length > shape.max) {
    return [{ path: at, message: `must have at most ${shape.max} ${unit}` }];
  }
  return [];
}
