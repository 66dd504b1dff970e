import { TemplateError } from './errors';
import { StackTemplate, TemplateParameter } from './template';

/** A parameter as CreateChangeSet sends it. */
export interface ParameterInput {
  ParameterKey?: string;
  ParameterValue?: string;
  UsePreviousValue?: boolean;
}

function constraintFailure(parameter: TemplateParameter, value: string) {
  const { name } = parameter;
  if (parameter.type === 'Number' && !/^-?\d+(\.\d+)?$/.test(value)) {
    return `Parameter '${name}' must be a number`;
  }
  if (parameter.allowedValues && !parameter.allowedValues.includes(value)) {
    return `Parameter '${name}' must be one of AllowedValues`;
  }
  if (
    parameter.allowedPattern &&
    !new RegExp(`^(?:${parameter.allowedPattern})$`).test(value)
  ) {
    return `Parameter '${name}' must match pattern ${parameter.allowedPattern}`;
  }
  if (parameter.minLength !== undefined && value.length < parameter.minLength) {
    return `Parameter '${name}' must contain at least ${parameter.minLength} characters`;
  }
  if (parameter.maxLength !== undefined && value.length > parameter.maxLength) {
    return `Parameter '${name}' must contain at most ${parameter.maxLength} characters`;
  }
  return undefined;
}

/** A value the parameter's constraints refuse, in CloudFormation's words. */
function checkConstraints(parameter: TemplateParameter, value: string) {
  const failure = constraintFailure(parameter, value);
  if (failure) {
    throw new TemplateError(
      parameter.constraintDescription
        ? `Parameter '${parameter.name}' failed to satisfy constraint: ${parameter.constraintDescription}`
        : failure,
    );
  }
}

/**
 * Every parameter's value: given, the stack's previous one (UsePreviousValue), or the default.
 * Unknown keys, missing values and values the constraints refuse are errors.
 */
export function resolveParameters(
  template: StackTemplate,
  given: ParameterInput[],
  previous: Record<string, string> | undefined,
): Record<string, string> {
  const declared = new Map(template.parameters.map(p => [p.name, p]));
  const unknown = given
    .map(p => p.ParameterKey ?? '')
    .filter(key => !declared.has(key));
  if (unknown.length) {
    throw new TemplateError(
      `Parameters: [${unknown.join(', ')}] do not exist in the template`,
    );
  }
  const byKey = new Map(given.map(p => [p.ParameterKey!, p]));
  const values: Record<string, string> = {};
  const missing: string[] = [];
  for (const parameter of template.parameters) {
    const input = byKey.get(parameter.name);
    if (input?.UsePreviousValue && input.ParameterValue !== undefined) {
      throw new TemplateError(
        `Invalid input for parameter key ${parameter.name}. Cannot specify usePreviousValue as true and non empty value for a parameter`,
      );
    }
    const value = input?.UsePreviousValue
      ? previous?.[parameter.name]
      : input?.ParameterValue ?? parameter.default;
    if (input?.UsePreviousValue && value === undefined) {
      throw new TemplateError(
        `Invalid input for parameter key ${parameter.name}. Cannot specify usePreviousValue as true for a parameter key not in the previous template`,
      );
    }
    if (value === undefined) {
      missing.push(parameter.name);
      continue;
    }
    checkConstraints(parameter, value);
    values[parameter.name] = value;
  }
  if (missing.length) {
    throw new TemplateError(
      `Parameters: [${missing.join(', ')}] must have values`,
    );
  }
  return values;
}

/** What Ref gives for a parameter: list types are lists. */
export function parameterValue(
  template: StackTemplate,
  values: Record<string, string>,
  name: string,
): string | string[] | undefined {
  if (!Object.hasOwn(values, name)) return undefined;
  const type = template.parameters.find(p => p.name === name)?.type ?? '';
  const value = values[name];
  return type === 'CommaDelimitedList' || type.startsWith('List<')
    ? value.split(',').map(item => item.trim())
    : value;
}
