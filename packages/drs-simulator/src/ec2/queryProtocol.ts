import { MemberModel, ServiceModel } from '../model';
import { ShapeIssue } from '../shapeValidation';

/*
 * EC2's query protocol, read and written by the model: requests are form parameters named by
 * each member's queryName or capitalised locationName (`InstanceId.1`, `Filter.1.Value.1`),
 * answers are XML elements named by locationName, list items `<item>`.
 */

/** The request parameters that name the call rather than its input. */
const CALL_PARAMETERS = new Set(['Action', 'Version']);

function queryKey(name: string, member: MemberModel): string {
  if (member.queryName) return member.queryName;
  const location = member.locationName ?? name;
  return location[0].toUpperCase() + location.slice(1);
}

/** What reading a request found: the input, parameters no member takes, and bad values. */
export interface DecodedQuery {
  input: Record<string, unknown>;
  unknownParameters: string[];
  issues: ShapeIssue[];
}

interface Reading {
  model: ServiceModel;
  params: Map<string, string>;
  used: Set<string>;
  issues: ShapeIssue[];
}

function scalar(reading: Reading, shapeName: string, key: string): unknown {
  const raw = reading.params.get(key)!;
  reading.used.add(key);
  const { type } = reading.model.shapes[shapeName];
  if (type === 'integer' || type === 'long') {
    if (/^-?[0-9]+$/.test(raw)) return Number(raw);
  } else if (type === 'boolean') {
    if (raw === 'true' || raw === 'false') return raw === 'true';
  } else {
    return raw;
  }
  reading.issues.push({ path: key, message: `has an invalid value (${raw})` });
  return undefined;
}

/** The value under `key` (a prefix for lists and structures); undefined when the request has none. */
function read(reading: Reading, shapeName: string, key: string): unknown {
  const shape = reading.model.shapes[shapeName];
  const prefix = key ? `${key}.` : '';
  if (shape.type === 'structure') {
    const value: Record<string, unknown> = {};
    for (const [name, member] of Object.entries(shape.members ?? {})) {
      const memberValue = read(
        reading,
        member.shape,
        prefix + queryKey(name, member),
      );
      if (memberValue !== undefined) value[name] = memberValue;
    }
    return Object.keys(value).length || !key ? value : undefined;
  }
  if (shape.type === 'list') {
    // The SDK sends an empty list as the bare key with no value.
    if (reading.params.get(key) === '') {
      reading.used.add(key);
      return [];
    }
    const items: unknown[] = [];
    for (let index = 1; ; index++) {
      const item = read(reading, shape.member!.shape, `${prefix}${index}`);
      if (item === undefined) break;
      items.push(item);
    }
    return items.length ? items : undefined;
  }
  return reading.params.has(key) ? scalar(reading, shapeName, key) : undefined;
}

/** Reads form parameters into a document of the model's member names. */
export function decodeQuery(
  model: ServiceModel,
  shapeName: string,
  params: Map<string, string>,
): DecodedQuery {
  const reading: Reading = { model, params, used: new Set(), issues: [] };
  const input = read(reading, shapeName, '') as Record<string, unknown>;
  return {
    input,
    unknownParameters: [...params.keys()].filter(
      key => !reading.used.has(key) && !CALL_PARAMETERS.has(key),
    ),
    issues: reading.issues,
  };
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const element = (name: string, content: string) =>
  `<${name}>${content}</${name}>`;

/** A document of the model's member names written as the XML content of its shape. */
export function encodeXml(
  model: ServiceModel,
  shapeName: string,
  value: unknown,
): string {
  const shape = model.shapes[shapeName];
  switch (shape.type) {
    case 'structure':
      return Object.entries(shape.members ?? {})
        .filter(
          ([name]) => (value as Record<string, unknown>)[name] !== undefined,
        )
        .map(([name, member]) =>
          element(
            member.locationName ?? name,
            encodeXml(
              model,
              member.shape,
              (value as Record<string, unknown>)[name],
            ),
          ),
        )
        .join('');
    case 'list':
      return (value as unknown[])
        .map(item =>
          element(
            shape.member!.locationName ?? 'member',
            encodeXml(model, shape.member!.shape, item),
          ),
        )
        .join('');
    case 'timestamp':
      return new Date(value as number | string).toISOString();
    default:
      return escapeXml(String(value));
  }
}
