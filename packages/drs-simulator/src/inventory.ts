import { readFileSync } from 'fs';
import { parse as parseYaml } from 'yaml';
import { deriveSourceServerId } from './ids';
import { enumValues, loadServiceModel } from './model';

/** Where a named server fails: while launching, or in the job's cleanup after showing LAUNCHED. */
export type FailurePhase = 'launch' | 'cleanup';

/** The inventory file's format (YAML or a parsed object). */
export interface SimulatorInventory {
  accounts: InventoryAccount[];
}

export interface InventoryAccount {
  accountId: string;
  region: string;
  sourceServers: InventorySourceServer[];
}

export interface InventorySourceServer {
  hostname: string;
  /** Derived from accountId + region + hostname when absent. */
  sourceServerID?: string;
  tags?: Record<string, string>;
  /** A DRS `dataReplicationState`; CONTINUOUS when absent. */
  replicationState?: string;
  /** Replication lag, reported as an ISO-8601 duration (12 → PT12S). */
  lagSeconds?: number;
  /** This server always fails, at launch or in cleanup. */
  failAt?: FailurePhase;
}

/** An inventory with every default applied. */
export interface ResolvedInventory {
  accounts: ResolvedAccount[];
}

export interface ResolvedAccount {
  accountId: string;
  region: string;
  sourceServers: ResolvedSourceServer[];
}

export interface ResolvedSourceServer {
  hostname: string;
  sourceServerID: string;
  tags: Record<string, string>;
  replicationState: string;
  lagSeconds: number;
  failAt?: FailurePhase;
}

export class InventoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InventoryError';
  }
}

const ACCOUNT_FIELDS = ['accountId', 'region', 'sourceServers'];
const SERVER_FIELDS = [
  'hostname',
  'sourceServerID',
  'tags',
  'replicationState',
  'lagSeconds',
  'failAt',
];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function rejectUnknownFields(
  value: Record<string, unknown>,
  known: string[],
  at: string,
) {
  const unknown = Object.keys(value).filter(key => !known.includes(key));
  if (unknown.length) {
    throw new InventoryError(
      `${at}: unknown field(s) ${unknown.join(', ')} (known: ${known.join(
        ', ',
      )})`,
    );
  }
}

/** Reads and checks an inventory; every error names the entry at fault. */
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
  const replicationStates = enumValues(model, 'DataReplicationState');
  const regionPattern = new RegExp(`^(?:${model.shapes.AwsRegion.pattern})$`);
  const serverIdPattern = new RegExp(
    `^(?:${model.shapes.SourceServerID.pattern})$`,
  );

  if (!isRecord(raw) || !Array.isArray(raw.accounts)) {
    throw new InventoryError('Inventory must have a list `accounts`');
  }
  rejectUnknownFields(raw, ['accounts'], 'inventory');

  const seenIds = new Map<string, string>();
  const seenTenants = new Set<string>();
  const accounts = raw.accounts.map(
    (account: unknown, accountIndex): ResolvedAccount => {
      const at = `accounts[${accountIndex}]`;
      if (!isRecord(account)) throw new InventoryError(`${at} must be a map`);
      rejectUnknownFields(account, ACCOUNT_FIELDS, at);
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
      if (typeof region !== 'string' || !regionPattern.test(region)) {
        throw new InventoryError(
          `${at}.region must be an AWS region like us-east-1, got ${JSON.stringify(
            region,
          )}`,
        );
      }
      const tenantKey = `${accountId}/${region}`;
      if (seenTenants.has(tenantKey)) {
        throw new InventoryError(
          `${at}: account ${accountId} in ${region} is listed twice; merge its sourceServers`,
        );
      }
      seenTenants.add(tenantKey);
      if (!Array.isArray(account.sourceServers)) {
        throw new InventoryError(`${at}.sourceServers must be a list`);
      }
      const hostnames = new Set<string>();
      const sourceServers = account.sourceServers.map(
        (server: unknown, serverIndex): ResolvedSourceServer => {
          const serverAt = `${at}.sourceServers[${serverIndex}]`;
          if (!isRecord(server)) {
            throw new InventoryError(`${serverAt} must be a map`);
          }
          rejectUnknownFields(server, SERVER_FIELDS, serverAt);
          const hostname = server.hostname;
          if (typeof hostname !== 'string' || !hostname.trim()) {
            throw new InventoryError(`${serverAt}.hostname is required`);
          }
          if (hostnames.has(hostname)) {
            throw new InventoryError(
              `${serverAt}.hostname ${hostname} is listed twice in ${tenantKey}`,
            );
          }
          hostnames.add(hostname);

          const sourceServerID =
            server.sourceServerID ??
            deriveSourceServerId(accountId, region, hostname);
          if (
            typeof sourceServerID !== 'string' ||
            !serverIdPattern.test(sourceServerID)
          ) {
            throw new InventoryError(
              `${serverAt}.sourceServerID must be s- followed by 17 letters or digits, got ${JSON.stringify(
                sourceServerID,
              )}`,
            );
          }
          const previous = seenIds.get(sourceServerID);
          if (previous) {
            throw new InventoryError(
              `${serverAt}.sourceServerID ${sourceServerID} is already used by ${previous}`,
            );
          }
          seenIds.set(sourceServerID, serverAt);

          const replicationState = server.replicationState ?? 'CONTINUOUS';
          if (
            typeof replicationState !== 'string' ||
            !replicationStates.includes(replicationState)
          ) {
            throw new InventoryError(
              `${serverAt}.replicationState must be one of ${replicationStates.join(
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
              `${serverAt}.lagSeconds must be a number >= 0, got ${JSON.stringify(
                lagSeconds,
              )}`,
            );
          }
          const failAt = server.failAt;
          if (
            failAt !== undefined &&
            failAt !== 'launch' &&
            failAt !== 'cleanup'
          ) {
            throw new InventoryError(
              `${serverAt}.failAt must be launch or cleanup, got ${JSON.stringify(
                failAt,
              )}`,
            );
          }
          return {
            hostname,
            sourceServerID,
            tags: resolveTags(server.tags, `${serverAt}.tags`),
            replicationState,
            lagSeconds,
            ...(failAt ? { failAt: failAt as FailurePhase } : {}),
          };
        },
      );
      return { accountId, region, sourceServers };
    },
  );
  return { accounts };
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
