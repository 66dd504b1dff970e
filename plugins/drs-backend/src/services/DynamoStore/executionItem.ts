import { gunzipSync } from 'zlib';
import {
  Execution,
  ExecutionStatus,
  ExecutionSummary,
  ExecutionWave,
} from '@drs-orchestration/plugin-drs-common';
import { INDEX_ATTRIBUTES } from './tables';

type ExecutionHeader = Omit<Execution, 'waves' | 'version'>;

/**
 * What an item's `header` holds: the execution without its waves, and what history pages
 * show that is derived from the waves. Every index projects the header and none the waves, so
 * a derived value kept here reaches history pages without a new index attribute (and without
 * changing the stack's projections).
 */
export type StoredHeader = ExecutionHeader & {
  /** The execution's worst data-loss window (worstDataLossSeconds of drs-common). */
  worstDataLossSeconds?: number;
};

/**
 * One execution is one item. Its waves are stored gzip-compressed: an execution of
 * 20 waves × 100 servers is ~500 KB as JSON, above DynamoDB's 400 KB item limit, and
 * ~30 KB compressed. Summary counts sit beside it so lists never decompress. The rest of the
 * execution (`header`) is a JSON string: nothing queries inside it, and the SDK converts a
 * string far faster than a nested map, on every engine write and every index read.
 */
export interface ExecutionItem {
  execution_id: string;
  execution_status: ExecutionStatus;
  entity_ref: string;
  created_at: string;
  version: number;
  /** StoredHeader as JSON. */
  header: string;
  waves_gz: Uint8Array;
  /** Present only while a finished execution still needs the engine (see ATTENTION_INDEX). */
  engine_attention?: 'TERMINATE';
  wave_count: number;
  server_count: number;
  completed_wave_count: number;
  failed_server_count: number;
}

/** What the engine's index queries read of an item: everything but the waves. */
export type ExecutionHeaderItem = Pick<
  ExecutionItem,
  'execution_id' | 'version' | 'header'
>;

/** What a history page reads from the entity index: what the index carries, keys included. */
export const SUMMARY_PROJECTION = [
  'execution_id',
  'entity_ref',
  'created_at',
  ...INDEX_ATTRIBUTES,
].join(', ');

export function decodeWaves(item: ExecutionItem): ExecutionWave[] {
  return JSON.parse(
    gunzipSync(Buffer.from(item.waves_gz)).toString('utf8'),
  ) as ExecutionWave[];
}

export function toExecution(
  item: ExecutionHeaderItem,
  waves: ExecutionWave[],
): Execution {
  const header: StoredHeader = JSON.parse(item.header);
  // Derived from the waves for history pages; not part of the execution.
  delete header.worstDataLossSeconds;
  return { ...header, waves, version: item.version };
}

export function toSummary(item: ExecutionItem): ExecutionSummary {
  const header: StoredHeader = JSON.parse(item.header);
  return {
    ...header,
    version: item.version,
    waveCount: item.wave_count,
    serverCount: item.server_count,
    completedWaveCount: item.completed_wave_count,
    failedServerCount: item.failed_server_count,
  };
}
