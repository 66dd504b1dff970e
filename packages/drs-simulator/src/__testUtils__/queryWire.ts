import { XMLParser } from 'fast-xml-parser';
import { MemberModel, ServiceModel } from '../model';
import { ShapeIssue } from '../shapeValidation';

/*
 * The query protocols' wire formats, written and read here from the API references' rules, apart
 * from the simulator's own code, so the contract tests check the simulator against the model
 * rather than against itself: requests are form parameters (EC2's `InstanceId.1`,
 * `Filter.1.Value.1`; CloudFormation's `Parameters.member.1.ParameterKey`), answers XML elements
 * named by each member's locationName, list items `<item>` or `<member>`.
 */

const capitalised = (name: string) => name[0].toUpperCase() + name.slice(1);

/**
 * The rules of one query protocol: EC2 names members by queryName or capitalised locationName
 * and numbers list items under the list's key; CloudFormation names them as the model does and
 * numbers items under `member`, an empty list being the bare key.
 */
const FLAVOURS = {
  ec2: {
    key: (name: string, member: MemberModel) =>
      member.queryName ?? capitalised(member.locationName ?? name),
    item: (prefix: string, index: number) => `${prefix}.${index}`,
    emptyList: () => ({}),
  },
  query: {
    key: (name: string) => name,
    item: (prefix: string, index: number) => `${prefix}.member.${index}`,
    emptyList: (prefix: string) => ({ [prefix]: '' }),
  },
};

function queryParams(
  flavour: (typeof FLAVOURS)[keyof typeof FLAVOURS],
  model: ServiceModel,
  shapeName: string,
  value: unknown,
  prefix: string,
): Record<string, string> {
  const shape = model.shapes[shapeName];
  if (shape.type === 'list') {
    const items = value as unknown[];
    if (!items.length) return flavour.emptyList(prefix);
    return Object.assign(
      {},
      ...items.map((item, index) =>
        queryParams(
          flavour,
          model,
          shape.member!.shape,
          item,
          flavour.item(prefix, index + 1),
        ),
      ),
    );
  }
  if (shape.type !== 'structure') return { [prefix]: String(value) };
  return Object.assign(
    {},
    ...Object.entries(value as Record<string, unknown>).map(
      ([name, member]) => {
        const key = flavour.key(name, shape.members![name]);
        return queryParams(
          flavour,
          model,
          shape.members![name].shape,
          member,
          prefix ? `${prefix}.${key}` : key,
        );
      },
    ),
  );
}

/** A document of the model's member names as EC2 query parameters. */
export const ec2Query = (
  model: ServiceModel,
  shapeName: string,
  value: unknown,
) => queryParams(FLAVOURS.ec2, model, shapeName, value, '');

/** A document of the model's member names as AWS query protocol parameters (CloudFormation). */
export const awsQuery = (
  model: ServiceModel,
  shapeName: string,
  value: unknown,
) => queryParams(FLAVOURS.query, model, shapeName, value, '');

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
});

/** An answer's XML: its root element's name and attributes, and its content. */
export function parseXml(text: string): {
  root: string;
  namespace?: string;
  content: Record<string, unknown>;
} {
  const document = parser.parse(text) as Record<string, any>;
  const root = Object.keys(document).find(key => !key.startsWith('?'))!;
  const { '@xmlns': namespace, ...content } = document[root] as Record<
    string,
    unknown
  >;
  return { root, namespace: namespace as string | undefined, content };
}

/**
 * XML content read into a document of the model's member names: elements by locationName,
 * list items under their member's locationName, scalars by type. Elements the shape has no
 * member for, and text that is not of its type, are issues.
 */
export function readQueryXml(
  model: ServiceModel,
  shapeName: string,
  node: unknown,
  path = '',
): { value: unknown; issues: ShapeIssue[] } {
  const shape = model.shapes[shapeName];
  const at = path || '(document)';
  const fail = (message: string) => ({
    value: undefined,
    issues: [{ path: at, message }],
  });
  if (shape.type === 'structure' || shape.type === 'list') {
    const elements = node === '' ? {} : node;
    if (typeof elements !== 'object' || elements === null) {
      return fail('must be an element with content');
    }
    return shape.type === 'list'
      ? readList(model, shapeName, elements as Record<string, unknown>, path)
      : readStructure(
          model,
          shapeName,
          elements as Record<string, unknown>,
          path,
        );
  }
  const text = node as string;
  if (typeof text !== 'string') return fail('must be text');
  switch (shape.type) {
    case 'integer':
    case 'long':
      return /^-?[0-9]+$/.test(text)
        ? { value: Number(text), issues: [] }
        : fail(`must be an integer, got ${text}`);
    case 'boolean':
      return text === 'true' || text === 'false'
        ? { value: text === 'true', issues: [] }
        : fail(`must be true or false, got ${text}`);
    case 'timestamp':
      return /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(text)
        ? { value: text, issues: [] }
        : fail(`must be an ISO 8601 time, got ${text}`);
    default:
      return { value: text, issues: [] };
  }
}

function readStructure(
  model: ServiceModel,
  shapeName: string,
  elements: Record<string, unknown>,
  path: string,
) {
  const members = Object.entries(model.shapes[shapeName].members ?? {});
  const value: Record<string, unknown> = {};
  const issues: ShapeIssue[] = [];
  for (const [element, content] of Object.entries(elements)) {
    const found = members.find(
      ([name, member]) => (member.locationName ?? name) === element,
    );
    const memberPath = path ? `${path}.${element}` : element;
    if (!found) {
      issues.push({ path: memberPath, message: `is not in ${shapeName}` });
      continue;
    }
    const read = readQueryXml(model, found[1].shape, content, memberPath);
    value[found[0]] = read.value;
    issues.push(...read.issues);
  }
  return { value, issues };
}

function readList(
  model: ServiceModel,
  shapeName: string,
  elements: Record<string, unknown>,
  path: string,
) {
  const member = model.shapes[shapeName].member!;
  const itemName = member.locationName ?? 'member';
  const extra = Object.keys(elements).filter(name => name !== itemName);
  const items = elements[itemName] ?? [];
  const issues: ShapeIssue[] = extra.map(name => ({
    path: `${path}.${name}`,
    message: `is not an <${itemName}> of the list`,
  }));
  const value = (Array.isArray(items) ? items : [items]).map((item, index) => {
    const read = readQueryXml(model, member.shape, item, `${path}[${index}]`);
    issues.push(...read.issues);
    return read.value;
  });
  return { value, issues };
}
