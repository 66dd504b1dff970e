import { TemplateError } from './errors';
import { condition, resolveValue, Resolver } from './intrinsics';
import { resolveParameters } from './parameters';
import { parseTemplate } from './template';

const resolver: Resolver = {
  parameter: name =>
    ((
      { Env: 'prod', Zones: ['a', 'b'], 'AWS::Region': 'eu-west-1' } as Record<
        string,
        string | string[]
      >
    )[name]),
  resource: logicalId =>
    logicalId === 'Table'
      ? { physicalId: 'prod-items', attributes: { Arn: 'arn:table' } }
      : undefined,
  condition: name => name === 'IsProd',
  mappings: { Sizes: { prod: { Capacity: 10 } } },
  region: 'eu-west-1',
};

describe('intrinsic functions', () => {
  it.each([
    [
      { 'Fn::Sub': '${Env}-${Table}-${Table.Arn}-${!Literal}' },
      'prod-prod-items-arn:table-${Literal}',
    ],
    [
      { 'Fn::Sub': ['${A}/${Env}', { A: { Ref: 'Table' } }] },
      'prod-items/prod',
    ],
    [{ 'Fn::Join': [',', { Ref: 'Zones' }] }, 'a,b'],
    [{ 'Fn::Select': [1, { 'Fn::Split': ['/', 'x/y/z'] }] }, 'y'],
    [{ 'Fn::FindInMap': ['Sizes', { Ref: 'Env' }, 'Capacity'] }, 10],
    [{ 'Fn::Base64': 'hi' }, 'aGk='],
    [{ 'Fn::GetAZs': '' }, ['eu-west-1a', 'eu-west-1b', 'eu-west-1c']],
    [{ 'Fn::If': ['IsProd', 'big', 'small'] }, 'big'],
    [
      { List: ['x', { Ref: 'AWS::NoValue' }], Gone: { Ref: 'AWS::NoValue' } },
      { List: ['x'] },
    ],
  ])('resolve %j', (value, expected) => {
    expect(resolveValue(value, resolver)).toEqual(expected);
  });

  it('evaluates conditions, naming other conditions', () => {
    expect(
      condition(
        {
          'Fn::And': [
            { Condition: 'IsProd' },
            { 'Fn::Or': [{ 'Fn::Equals': [{ Ref: 'Env' }, 'dev'] }, true] },
            { 'Fn::Not': [{ Condition: 'IsDev' }] },
          ],
        },
        resolver,
      ),
    ).toBe(true);
  });

  it.each([
    [{ Ref: 'Nothing' }, 'Unresolved resource dependencies [Nothing]'],
    [
      { 'Fn::ImportValue': 'shared' },
      'the simulator does not resolve Fn::ImportValue',
    ],
    [{ 'Fn::Select': [5, ['a']] }, 'Fn::Select has invalid arguments'],
    [{ 'Fn::Join': [',', 'not a list'] }, 'Fn::Join has invalid arguments'],
  ])('refuses %j', (value, message) => {
    expect(() => resolveValue(value, resolver)).toThrow(TemplateError);
    expect(() => resolveValue(value, resolver)).toThrow(message);
  });
});

describe('parameters', () => {
  const template = parseTemplate(`
Parameters:
  Size:
    Type: Number
    Default: '3'
  Colour:
    Type: String
    AllowedValues: [red, blue]
  Name:
    Type: String
    MinLength: 2
    MaxLength: 4
    ConstraintDescription: two to four letters
Resources:
  Topic:
    Type: AWS::SNS::Topic
`);
  const given = (values: Record<string, string>) =>
    Object.entries(values).map(([ParameterKey, ParameterValue]) => ({
      ParameterKey,
      ParameterValue,
    }));

  it('takes values given, defaults, and previous values', () => {
    expect(
      resolveParameters(
        template,
        [
          ...given({ Colour: 'red' }),
          { ParameterKey: 'Name', UsePreviousValue: true },
        ],
        { Name: 'abc' },
      ),
    ).toEqual({ Size: '3', Colour: 'red', Name: 'abc' });
  });

  it.each([
    [
      { Colour: 'red', Name: 'ab', Size: 'many' },
      "Parameter 'Size' must be a number",
    ],
    [
      { Colour: 'green', Name: 'ab' },
      "Parameter 'Colour' must be one of AllowedValues",
    ],
    [
      { Colour: 'red', Name: 'abcdef' },
      "Parameter 'Name' failed to satisfy constraint: two to four letters",
    ],
    [{ Colour: 'red' }, 'Parameters: [Name] must have values'],
  ])('refuses %j', (values, message) => {
    expect(() => resolveParameters(template, given(values), undefined)).toThrow(
      message,
    );
  });

  it('refuses a previous value there is none of', () => {
    expect(() =>
      resolveParameters(
        template,
        [
          ...given({ Colour: 'red' }),
          { ParameterKey: 'Name', UsePreviousValue: true },
        ],
        undefined,
      ),
    ).toThrow(
      'Cannot specify usePreviousValue as true for a parameter key not in the previous template',
    );
  });
});
