import { XMLParser } from 'fast-xml-parser';
import { MemberModel, ServiceModel } from '../model';
import { ShapeIssue } from '../shapeValidation';

/*
 * EC2's wire formats, written and read here from the EC2 API reference's rules, apart from the
 * simulator's own code, so the contract test checks the simulator against the model rather than
 * against itself: requests are form parameters (`InstanceId.1`, `Filter.1.Value.1`), answers
 * XML elements named by each member's locationName.
 */

const capitalised = (name: string) => name[0].toUpperCase() + name.slice(1);

function queryName(name: string, member: MemberModel): string {
  return member.queryName ?? capitalised(member.locationName ?? name);
}

/** A document of the model's member names as EC2 query parameters. */
export function ec2Query(
  model: ServiceModel,
  shapeName: string,
  value: unknown,
  prefix = '',
): Record<string, string> {
  const shape = model.shapes[shapeName];
  if (shape.type === 'list') {
    return Object.assign(
      {},
      ...(value as unknown[]).map((item, index) =>
        ec2Query(model, shape.member!.shape, item, `${prefix}.${index + 1}`),
      ),
    );
  }
  if (shape.type !== 'structure') return { [prefix]: String(value) };
  return Object.assign(
    {},
    ...Object.entries(value as Record<string, unknown>).map(([name, member]) =>
      ec2Query(
        model,
        shape.members![name].shape,
        member,
        prefix
          ? `${prefix}.${queryName(name, shape.members![name])}`
          : queryName(name, shape.members![name]),
      ),
    ),
  );
}

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
export function readEc2Xml(
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
    const read = readEc2Xml(model, found[1].shape, content, memberPath);
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
    const read = readEc2Xml(model, member.shape, item, `${path}[${index}]`);
    issues.push(...read.issues);
    return read.value;
  });
  return { value, issues };
}
