import { parse, ScalarTag, CollectionTag, YAMLMap, YAMLSeq } from 'yaml';
import { TemplateError } from './errors';

/** The intrinsic functions a template may write in YAML's short form (`!Sub`, `!GetAtt`, …). */
const SHORT_FORMS = [
  'Ref',
  'Condition',
  'Sub',
  'GetAtt',
  'Join',
  'Select',
  'Split',
  'If',
  'Equals',
  'Not',
  'And',
  'Or',
  'FindInMap',
  'Base64',
  'GetAZs',
  'ImportValue',
  'Cidr',
  'Transform',
];

const longForm = (name: string) =>
  name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;

/** `!GetAtt Resource.Attribute` is the one short form whose scalar is not the long form's value. */
function scalarValue(name: string, value: string): unknown {
  if (name !== 'GetAtt') return value;
  const dot = value.indexOf('.');
  return dot < 0 ? value : [value.slice(0, dot), value.slice(dot + 1)];
}

const SHORT_FORM_TAGS: (ScalarTag | CollectionTag)[] = SHORT_FORMS.flatMap(
  name => {
    const tag = `!${name}`;
    const key = longForm(name);
    return [
      {
        tag,
        resolve: (value: string) => ({ [key]: scalarValue(name, value) }),
      },
      {
        tag,
        collection: 'seq' as const,
        resolve: (seq: YAMLSeq.Parsed | YAMLMap.Parsed) => ({
          [key]: seq.toJSON(),
        }),
      },
      {
        tag,
        collection: 'map' as const,
        resolve: (map: YAMLSeq.Parsed | YAMLMap.Parsed) => ({
          [key]: map.toJSON(),
        }),
      },
    ];
  },
);

/** A template body (JSON, or YAML in long or short form) as a plain document. */
export function readTemplateDocument(body: string): Record<string, unknown> {
  let document: unknown;
  try {
    document = parse(body, {
      customTags: SHORT_FORM_TAGS,
      uniqueKeys: true,
    });
  } catch (error) {
    throw new TemplateError(
      `Template format error: YAML not well-formed. ${(error as Error).message
        .split('\n')[0]
        .trim()
        .replace(/:$/, '')}`,
    );
  }
  if (
    typeof document !== 'object' ||
    document === null ||
    Array.isArray(document)
  ) {
    throw new TemplateError(
      'Template format error: the template must be a JSON or YAML object',
    );
  }
  return document as Record<string, unknown>;
}
