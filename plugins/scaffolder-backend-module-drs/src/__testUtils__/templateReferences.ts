import { CloudFormationSpec } from './cloudFormationSpec';
import { StackTemplate } from './stackTemplateDocument';

const PSEUDO_PARAMETERS = [
  'AWS::AccountId',
  'AWS::NoValue',
  'AWS::NotificationARNs',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
];

/**
 * References CloudFormation would refuse at deploy time: Ref, Fn::GetAtt and Fn::Sub names that
 * do not exist, attributes a resource type does not have, conditions that are not declared, and
 * references to a conditional resource outside an Fn::If (or resource) on its condition.
 */
export function referenceProblems(
  template: StackTemplate,
  spec: CloudFormationSpec,
): string[] {
  const problems: string[] = [];

  const checkName = (path: string, name: string, guards: Set<string>) => {
    if (PSEUDO_PARAMETERS.includes(name) || template.Parameters[name]) return;
    const resource = template.Resources[name];
    if (!resource) {
      problems.push(`${path}: ${name} is neither a parameter nor a resource`);
    } else if (resource.Condition && !guards.has(resource.Condition)) {
      problems.push(
        `${path}: ${name} exists only if ${resource.Condition}, but is used unconditionally`,
      );
    }
  };
  const checkAttribute = (
    path: string,
    target: string,
    guards: Set<string>,
  ) => {
    const [name, attribute] = target.split('.');
    checkName(path, name, guards);
    const resource = template.Resources[name];
    if (resource && !spec.resource(resource.Type)?.attributes[attribute]) {
      problems.push(`${path}: ${resource.Type} has no attribute ${attribute}`);
    }
  };
  const checkCondition = (path: string, condition: unknown) => {
    if (typeof condition !== 'string' || !(condition in template.Conditions)) {
      problems.push(`${path}: condition ${String(condition)} is not declared`);
    }
  };

  const walk = (path: string, value: unknown, guards: Set<string>): void => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(`${path}[${i}]`, item, guards));
      return;
    }
    if (!value || typeof value !== 'object') return;
    for (const [key, arg] of Object.entries(value)) {
      if (key === 'Ref') {
        checkName(path, String(arg), guards);
      } else if (key === 'Fn::GetAtt') {
        checkAttribute(
          path,
          Array.isArray(arg) ? arg.join('.') : String(arg),
          guards,
        );
      } else if (key === 'Fn::Sub') {
        const [text, variables = {}] = Array.isArray(arg) ? arg : [arg];
        for (const [, name] of String(text).matchAll(/\$\{([^!}][^}]*)\}/g)) {
          if (name in variables) continue;
          if (name.includes('.')) checkAttribute(path, name, guards);
          else checkName(path, name, guards);
        }
        walk(path, variables, guards);
      } else if (key === 'Fn::If') {
        const [condition, whenTrue, whenFalse] = arg as unknown[];
        checkCondition(path, condition);
        walk(path, whenTrue, new Set([...guards, String(condition)]));
        walk(path, whenFalse, guards);
      } else {
        walk(`${path}.${key}`, arg, guards);
      }
    }
  };

  walk('Conditions', template.Conditions, new Set());
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (resource.Condition) checkCondition(id, resource.Condition);
    walk(
      id,
      resource.Properties,
      new Set(resource.Condition ? [resource.Condition] : []),
    );
  }
  for (const [id, output] of Object.entries(template.Outputs)) {
    walk(
      `Outputs.${id}`,
      output.Value,
      new Set(output.Condition ? [output.Condition] : []),
    );
  }
  return problems;
}
