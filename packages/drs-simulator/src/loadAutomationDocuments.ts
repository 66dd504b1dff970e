import {
  AutomationOutcome,
  fieldsOf,
  InventoryError,
  isRecord,
  ResolvedAutomationDocument,
} from './inventory';
import { loadServiceModel } from './model';

const DOCUMENT_FIELDS = [
  'name',
  'parameters',
  'outputs',
  'durationSeconds',
  'timeoutSeconds',
  'outcome',
  'failureMessage',
];
const OUTCOMES: AutomationOutcome[] = ['success', 'fail', 'timeout', 'hang'];
/** SSM refuses documents of one's own under these prefixes: they are AWS's. */
const RESERVED_PREFIXES = /^(aws-|amazon|amzn)/i;
const DEFAULT_DURATION_SECONDS = 60;
const DEFAULT_TIMEOUT_SECONDS = 600;

const ssmShapes = loadServiceModel('ssm').shapes;
const NAME_PATTERN = new RegExp(ssmShapes.DocumentName.pattern!);
const PARAMETER_KEY_MAX = ssmShapes.AutomationParameterKey.max!;
const VALUE_MAX = ssmShapes.AutomationParameterValue.max!;

/**
 * Reads automation documents (from the inventory or the control API) and checks them against
 * SSM's formats; every error names the entry at fault.
 */
export function resolveAutomationDocuments(
  raw: unknown,
  at: string,
): ResolvedAutomationDocument[] {
  if (!Array.isArray(raw)) throw new InventoryError(`${at} must be a list`);
  const names = new Set<string>();
  return raw.map((entry, index) => {
    const document = resolveDocument(entry, `${at}[${index}]`);
    if (names.has(document.name)) {
      throw new InventoryError(
        `${at}[${index}].name ${document.name} is listed twice`,
      );
    }
    names.add(document.name);
    return document;
  });
}

function resolveDocument(
  entry: unknown,
  at: string,
): ResolvedAutomationDocument {
  const fields = fieldsOf(entry, DOCUMENT_FIELDS, at);
  const { name, outcome = 'success', failureMessage } = fields;
  if (typeof name !== 'string' || !NAME_PATTERN.test(name)) {
    throw new InventoryError(
      `${at}.name must be 3 to 128 letters, digits, _, - or ., got ${JSON.stringify(
        name,
      )}`,
    );
  }
  if (RESERVED_PREFIXES.test(name)) {
    throw new InventoryError(
      `${at}.name ${name}: names starting with AWS-, Amazon or amzn are reserved for AWS`,
    );
  }
  if (!OUTCOMES.includes(outcome as AutomationOutcome)) {
    throw new InventoryError(
      `${at}.outcome must be one of ${OUTCOMES.join(
        ', ',
      )}, got ${JSON.stringify(outcome)}`,
    );
  }
  if (failureMessage !== undefined && typeof failureMessage !== 'string') {
    throw new InventoryError(`${at}.failureMessage must be text`);
  }
  return {
    name,
    ...(fields.parameters === undefined
      ? {}
      : { parameters: resolveParameters(fields.parameters, at) }),
    outputs: resolveValueMap(fields.outputs ?? {}, `${at}.outputs`),
    durationSeconds: seconds(
      fields.durationSeconds ?? DEFAULT_DURATION_SECONDS,
      `${at}.durationSeconds`,
    ),
    timeoutSeconds: seconds(
      fields.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
      `${at}.timeoutSeconds`,
    ),
    outcome: outcome as AutomationOutcome,
    ...(failureMessage ? { failureMessage } : {}),
  };
}

function resolveParameters(
  raw: unknown,
  at: string,
): NonNullable<ResolvedAutomationDocument['parameters']> {
  if (!isRecord(raw))
    throw new InventoryError(`${at}.parameters must be a map`);
  const parameters: NonNullable<ResolvedAutomationDocument['parameters']> = {};
  for (const [name, declaration] of Object.entries(raw)) {
    const where = `${at}.parameters.${name}`;
    checkKey(name, where);
    const fields = fieldsOf(declaration ?? {}, ['required', 'default'], where);
    if (fields.required !== undefined && typeof fields.required !== 'boolean') {
      throw new InventoryError(`${where}.required must be true or false`);
    }
    parameters[name] = {
      required: fields.required === true,
      default: values(fields.default ?? [], `${where}.default`),
    };
  }
  return parameters;
}

/** A map of keys to lists of values; a single value stands for a list of one. */
function resolveValueMap(raw: unknown, at: string): Record<string, string[]> {
  if (!isRecord(raw)) throw new InventoryError(`${at} must be a map`);
  const resolved: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(raw)) {
    checkKey(key, `${at}.${key}`);
    resolved[key] = values(value, `${at}.${key}`);
  }
  return resolved;
}

function checkKey(key: string, at: string) {
  if (key.length > PARAMETER_KEY_MAX) {
    throw new InventoryError(
      `${at}: names are at most ${PARAMETER_KEY_MAX} characters`,
    );
  }
}

function values(raw: unknown, at: string): string[] {
  const list = Array.isArray(raw) ? raw : [raw];
  for (const value of list) {
    if (
      typeof value !== 'string' ||
      value.length < 1 ||
      value.length > VALUE_MAX
    ) {
      throw new InventoryError(
        `${at} must be text of 1 to ${VALUE_MAX} characters, or a list of such`,
      );
    }
  }
  return list as string[];
}

function seconds(raw: unknown, at: string): number {
  if (typeof raw !== 'number' || !Number.isFinite(raw) || raw < 0) {
    throw new InventoryError(`${at} must be a number of seconds >= 0`);
  }
  return raw;
}
