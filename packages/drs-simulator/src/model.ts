import serviceModelJson from '../model/drs-service-model.json';

/**
 * The AWS DRS service model (botocore JSON, rest-json protocol). It is the contract:
 * requests are validated against it and tests check every response against it.
 */
export interface ServiceModel {
  operations: Record<string, OperationModel>;
  shapes: Record<string, ShapeModel>;
}

export interface OperationModel {
  name: string;
  http: { method: string; requestUri: string; responseCode?: number };
  input?: { shape: string };
  output?: { shape: string };
  errors?: { shape: string }[];
}

export interface MemberModel {
  shape: string;
  location?: 'header' | 'uri' | 'querystring' | 'headers';
  locationName?: string;
}

export interface ShapeModel {
  type:
    | 'structure'
    | 'list'
    | 'map'
    | 'string'
    | 'integer'
    | 'long'
    | 'boolean'
    | 'timestamp';
  members?: Record<string, MemberModel>;
  required?: string[];
  member?: { shape: string };
  key?: { shape: string };
  value?: { shape: string };
  enum?: string[];
  pattern?: string;
  min?: number;
  max?: number;
  union?: boolean;
  error?: { httpStatusCode: number };
}

/** The model is copied into this package so tests and CI never depend on a path outside the repo. */
export function loadServiceModel(): ServiceModel {
  return serviceModelJson as unknown as ServiceModel;
}

export function enumValues(model: ServiceModel, shapeName: string): string[] {
  const values = model.shapes[shapeName]?.enum;
  if (!values) {
    throw new Error(`Shape ${shapeName} is not an enum in the DRS model`);
  }
  return values;
}

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

const patternCache = new Map<string, RegExp>();

/** Model patterns are matched against the whole value: every ID we emit must be exactly in format. */
function fullMatch(pattern: string): RegExp {
  let regex = patternCache.get(pattern);
  if (!regex) {
    regex = new RegExp(`^(?:${pattern})$`);
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
  const at = path || '(document)';
  const issue = (message: string): ShapeIssue[] => [{ path: at, message }];

  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return issue(`must be an object (${shapeName})`);
      }
      const record = value as Record<string, unknown>;
      const members = shape.members ?? {};
      const issues: ShapeIssue[] = [];
      for (const required of shape.required ?? []) {
        if (record[required] === undefined || record[required] === null) {
          issues.push({
            path: join(path, required),
            message: 'is required',
          });
        }
      }
      for (const [name, memberValue] of Object.entries(record)) {
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
      if (shape.union && Object.keys(record).length !== 1) {
        issues.push({ path: at, message: 'must set exactly one member' });
      }
      return issues;
    }
    case 'list': {
      if (!Array.isArray(value)) return issue('must be a list');
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
    case 'map': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return issue('must be a map');
      }
      const entries = Object.entries(value as Record<string, unknown>);
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
    case 'string': {
      if (typeof value !== 'string') return issue('must be a string');
      if (shape.enum && !shape.enum.includes(value)) {
        return issue(
          `must be one of ${shape.enum.join(', ')} (got ${JSON.stringify(
            value,
          )})`,
        );
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
    case 'integer':
    case 'long': {
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        return issue('must be an integer');
      }
      if (shape.min !== undefined && value < shape.min) {
        return issue(`must be >= ${shape.min}`);
      }
      if (shape.max !== undefined && value > shape.max) {
        return issue(`must be <= ${shape.max}`);
      }
      return [];
    }
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
