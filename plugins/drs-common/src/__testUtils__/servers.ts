import { SourceServer } from '../types';

export const DB_1 = 's-0000000000000db01';
export const DB_2 = 's-0000000000000db02';
export const APP_1 = 's-000000000000app01';

/** A source server as DRS reports it: db-1 replicating continuously, 30 s behind. */
export function sourceServer(
  overrides: Partial<SourceServer> = {},
): SourceServer {
  const sourceServerId = overrides.sourceServerId ?? DB_1;
  return {
    sourceServerId,
    hostname: `host-${sourceServerId.slice(-4)}`,
    replicationState: 'CONTINUOUS',
    lagSeconds: 30,
    tags: {},
    ...overrides,
  };
}
