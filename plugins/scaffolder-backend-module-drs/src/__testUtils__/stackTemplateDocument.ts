import { parseDocument } from 'yaml';
import { readStackTemplate } from '../stack/stackTemplate';

export interface TemplateResource {
  Type: string;
  Condition?: string;
  Properties?: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}

export interface StackTemplate {
  Parameters: Record<
    string,
    { Type: string; Default?: string; AllowedPattern?: string }
  >;
  Conditions: Record<string, unknown>;
  Resources: Record<string, TemplateResource>;
  Outputs: Record<string, { Value: unknown; Condition?: string }>;
}

/**
 * The stack template as a plain YAML parser reads it. A short-form tag such as `!Ref` makes
 * the parser warn ("Unresolved tag"), which fails here: the template must stay plain YAML.
 */
export function parseStackTemplate(): StackTemplate {
  const document = parseDocument(readStackTemplate());
  const problems = [...document.errors, ...document.warnings];
  if (problems.length > 0) {
    throw new Error(
      `The stack template is not plain YAML: ${problems
        .map(p => p.message)
        .join('; ')}`,
    );
  }
  return document.toJS() as StackTemplate;
}
