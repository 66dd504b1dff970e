import { ResolvedAutomationDocument } from '../inventory';
import { ssmError } from './errors';

/** AWS-owned runbooks every account has, with the parameters AWS documents for them. */
const EC2_INSTANCE_RUNBOOKS = [
  'AWS-RestartEC2Instance',
  'AWS-StartEC2Instance',
  'AWS-StopEC2Instance',
];

export const AWS_OWNED_DOCUMENTS: ResolvedAutomationDocument[] =
  EC2_INSTANCE_RUNBOOKS.map(name => ({
    name,
    parameters: {
      InstanceId: { required: true, default: [] },
      AutomationAssumeRole: { required: false, default: [] },
    },
    outputs: {},
    durationSeconds: 60,
    timeoutSeconds: 600,
    outcome: 'success',
  }));

/** Every document has one version: `$DEFAULT` and `$LATEST` both name it. */
export const DOCUMENT_VERSION = '1';

/** A document by name or ARN (`arn:aws:ssm:REGION:ACCOUNT:document/NAME`). */
export function documentNamed(
  documents: Map<string, ResolvedAutomationDocument>,
  nameOrArn: string,
  version: string | undefined,
): ResolvedAutomationDocument {
  const name = nameOrArn.startsWith('arn:')
    ? nameOrArn.slice(nameOrArn.indexOf(':document/') + ':document/'.length)
    : nameOrArn;
  const document = documents.get(name);
  if (!document) {
    throw ssmError(
      'AutomationDefinitionNotFoundException',
      `Automation document ${nameOrArn} was not found`,
    );
  }
  if (version && !['$DEFAULT', '$LATEST', DOCUMENT_VERSION].includes(version)) {
    throw ssmError(
      'AutomationDefinitionVersionNotFoundException',
      `Automation document ${name} has no version ${version} (it has ${DOCUMENT_VERSION})`,
    );
  }
  return document;
}

/**
 * The parameters a run gets: those given, and the declared defaults of the others (an empty
 * default is left out, as the model allows no empty value). A document that declares
 * parameters refuses undeclared ones and requires its required ones.
 */
export function runParameters(
  document: ResolvedAutomationDocument,
  given: Record<string, string[]>,
): Record<string, string[]> {
  const declared = document.parameters;
  if (!declared) return { ...given };
  const undeclared = Object.keys(given).filter(name => !declared[name]);
  const missing = Object.entries(declared)
    .filter(([name, parameter]) => parameter.required && !given[name]?.length)
    .map(([name]) => name);
  if (undeclared.length || missing.length) {
    throw ssmError(
      'InvalidAutomationExecutionParametersException',
      [
        undeclared.length
          ? `Parameters not declared by ${document.name}: ${undeclared.join(
              ', ',
            )}`
          : '',
        missing.length
          ? `Required parameters missing: ${missing.join(', ')}`
          : '',
      ]
        .filter(Boolean)
        .join('. '),
    );
  }
  const parameters: Record<string, string[]> = {};
  for (const [name, parameter] of Object.entries(declared)) {
    const values = given[name] ?? parameter.default;
    if (values.length) parameters[name] = values;
  }
  return parameters;
}

const PLACEHOLDER = /\{\{\s*([^{}\s]+)\s*\}\}/g;

/**
 * The document's outputs with the run's parameters put in: a value that is only `{{ Name }}`
 * becomes all of Name's values; within other text, they are joined with commas.
 */
export function runOutputs(
  document: ResolvedAutomationDocument,
  parameters: Record<string, string[]>,
): Record<string, string[]> {
  const outputs: Record<string, string[]> = {};
  for (const [name, templates] of Object.entries(document.outputs)) {
    outputs[name] = templates.flatMap(template => {
      const whole = template.match(/^\{\{\s*([^{}\s]+)\s*\}\}$/);
      if (whole) return parameters[whole[1]] ?? [];
      return [
        template.replace(PLACEHOLDER, (_, parameter: string) =>
          (parameters[parameter] ?? []).join(','),
        ),
      ].filter(value => value.length > 0);
    });
  }
  return outputs;
}
