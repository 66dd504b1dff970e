import { readFileSync } from 'fs';
import { parse as parseYaml } from 'yaml';
import { deriveSourceServerId } from './ids';
import {
  FailurePhase,
  fieldsOf,
  InventoryError,
  isRecord,
  ResolvedAccount,
  ResolvedInventory,
  ResolvedSourceServer,
  rejectUnknownFields,
  SimulatorInventory,
} from './inventory';
import { resolveAutomationDocuments } from './loadAutomationDocuments';
import { resolveOrigin } from './loadOrigin';
import { enumValues, loadServiceModel } from './model';

const ACCOUNT_FIELDS = ['accountId', 'region', 'sourceServers'];
const SERVER_FIELDS = [
  'hostname',
  'sourceServerID',
  'tags',
  'replicationState',
  'lagSeconds',
  'failAt',
  'origin',
];

/** What entries are checked against: the model's formats, and the entries before them. */
interface InventoryChecks {
  replicationStates: string[];
  regionPattern: RegExp;
  availabilityZonePattern: RegExp;
  serverIdPattern: RegExp;
  /** Each source server ID seen so far, with the entry that has it. */
  seenIds: Map<string, string>;
  /** Each `accountId/region` seen so far. */
  seenTenants: Set<string>;
}

/** The account a server entry belongs to, and the hostnames it already lists. */
interface AccountScope {
  accountId: string;
  region: string;
  tenantKey: string;
  hostnames: Set<string>;
}

/**
 * Reads and checks an inventory; every error names the entry at fault.
 *
 * @public
 */
export function loadInventory(
  source: string | SimulatorInventory,
): ResolvedInventory {
  let raw: unknown = source;
  if (typeof source === 'string') {
    let text: string;
    try {
      text = readFileSync(source, 'utf8');
    } catch (error) {
      throw new InventoryError(
        `Cannot read inventory ${source}: ${(error as Error).message}`,
      );
    }
    try {
      raw = parseYaml(text);
    } catch (error) {
      throw new InventoryError(
        `Inventory ${source} is not valid YAML: ${(error as Error).message}`,
      );
    }
  }
  return resolveInventory(raw);
}

function resolveInventory(raw: unknown): ResolvedInventory {
  const model = loadServiceModel();
  const checks: InventoryChecks = {
    replicationStates: enumValues(model, 'DataReplicationState'),
    regionPattern: new RegExp(`^(?:${model.shapes.AwsRegion.pattern})$`),
    availabilityZonePattern: new RegExp(
      `^(?:${model.shapes.AwsAvailabilityZone.pattern})$`,
    ),
    serverIdPattern: new RegExp(`^(?:${model.shapes.SourceServerID.pattern})$`),
    seenIds: new Map(),
    seenTenants: new Set(),
  };
  if (!isRecord(raw) || !Array.isArray(raw.accounts)) {
    throw new InventoryError('Inventory must have a list `accounts`');
  }
  rejectUnknownFields(raw, ['accounts', 'automationDocuments'], 'inventory');
  return {
    accounts: raw.accounts.map((account: unknown, index) =>
      resolveAccount(account, `accounts[${index}]`, checks),
    ),
    automationDocuments: resolveAutomationDocuments(
      raw.automationDocuments ?? [],
      'automationDocuments',
    ),
  };
}

function resolveAccount(
  entry: unknown,
  at: string,
  checks: InventoryChecks,
): ResolvedAccount {
  const account = fieldsOf(entry, ACCOUNT_FIELDS, at);
  // YAML reads an unquoted account ID as a number; leading zeros would be lost.
  const accountId = String(account.accountId ?? '');
  if (!/^[0-9]{12}$/.test(accountId)) {
    throw new InventoryError(
      `${at}.accountId must be 12 digits (quote it in YAML), got ${JSON.stringify(
        account.accountId,
      )}`,
    );
  }
  const region = account.region;
  if (typeof region !== 'string' || !checks.regionPattern.test(region)) {
    throw new InventoryError(
      `${at}.region must be an AWS region like us-east-1, got ${JSON.stringify(
        region,
      )}`,
    );
  }
  const tenantKey = `${accountId}/${region}`;
  if (checks.seenTenants.has(tenantKey)) {
    throw new InventoryError(
      `${at}: account ${accountId} in ${region} is listed twice; merge its sourceServers`,
    );
  }
  checks.seenTenants.add(tenantKey);
  if (!Array.isArray(account.sourceServers)) {
    throw new InventoryError(`${at}.sourceServers must be a list`);
  }
  const scope: AccountScope = {
    accountId,
    region,
    tenantKey,
    hostnames: new Set(),
  };
  const sourceServers = account.sourceServers.map((server: unknown, index) =>
    resolveSourceServer(server, `${at}.sourceServers[${index}]`, scope, checks),
  );
  return { accountId, region, sourceServers };
}

function resolveSourceServer(
  entry: unknown,
  at: string,
  scope: AccountScope,
  checks: InventoryChecks,
): ResolvedSourceServer {
  const server = fieldsOf(entry, SERVER_FIELDS, at);
  const hostname = server.hostname;
  if (typeof hostname !== 'string' || !hostname.trim()) {
    throw new InventoryError(`${at}.hostname is required`);
  }
  if (scope.hostnames.has(hostname)) {
    throw new InventoryError(
      `${at}.hostname ${hostname} is listed twice in ${scope.tenantKey}`,
    );
  }
  scope.hostnames.add(hostname);
  const sourceServerID = resolveSourceServerId(
    server.sourceServerID ??
      deriveSourceServerId(scope.accountId, scope.region, hostname),
    at,
    checks,
  );
  const replicationState = server.replicationState ?? 'CONTINUOUS';
  if (
    typeof replicationState !== 'string' ||
    !checks.replicationStates.includes(replicationState)
  ) {
    throw new InventoryError(
      `${at}.replicationState must be one of ${checks.replicationStates.join(
        ', ',
      )}, got ${JSON.stringify(replicationState)}`,
    );
  }
  const lagSeconds = server.lagSeconds ?? 0;
  if (
    typeof lagSeconds !== 'number' ||
    !Number.isFinite(lagSeconds) ||
    lagSeconds < 0
  ) {
    throw new InventoryError(
      `${at}.lagSeconds must be a number >= 0, got ${JSON.stringify(
        lagSeconds,
      )}`,
    );
  }
  const failAt = resolveFailAt(server.failAt, at);
  const origin = resolveOrigin(
    server.origin,
    `${at}.origin`,
    scope.accountId,
    checks,
  );
  return {
    hostname,
    sourceServerID,
    tags: resolveTags(server.tags, `${at}.tags`),
    replicationState,
    lagSeconds,
    ...(failAt ? { failAt } : {}),
    ...(origin ? { origin } : {}),
  };
}

/** A well-formed ID that no entry before this one (in any account) uses. */
function resolveSourceServerId(
  sourceServerID: unknown,
  at: string,
  checks: InventoryChecks,
): string {
  if (
    typeof sourceServerID !== 'string' ||
    !checks.serverIdPattern.test(sourceServerID)
  ) {
    throw new InventoryError(
      `${at}.sourceServerID must be s- followed by 17 letters or digits, got ${JSON.stringify(
        sourceServerID,
      )}`,
    );
  }
  const previous = checks.seenIds.get(sourceServerID);
  if (previous) {
    throw new InventoryError(
      `${at}.sourceServerID ${sourceServerID} is already used by ${previous}`,
    );
  }
  checks.seenIds.set(sourceServerID, at);
  return sourceServerID;
}

function resolveFailAt(failAt: unknown, at: string): FailurePhase | undefined {
  if (failAt !== undefined && failAt !== 'launch' && failAt !== 'cleanup') {
    throw new InventoryError(
      `${at}.failAt must be launch or cleanup, got ${JSON.stringify(failAt)}`,
    );
  }
  return failAt;
}

function resolveTags(tags: unknown, at: string): Record<string, string> {
  if (tags === undefined || tags === null) return {};
  if (!isRecord(tags)) throw new InventoryError(`${at} must be a map`);
  const resolved: Record<string, string> = {};
  for (const [key, value] of Object.entries(tags)) {
    if (!['string', 'number', 'boolean'].includes(typeof value)) {
      throw new InventoryError(`${at}.${key} must be a plain value`);
    }
    resolved[key] = String(value);
  }
  return resolved;
}
