import { constants, gunzipSync, gzipSync } from 'zlib';
import {
  Execution,
  ExecutionStatus,
  ExecutionStep,
  ExecutionSummary,
  ExecutionProgress,
  ExecutionWave,
  executionProgress,
  worstDataLossSeconds,
} from '@drs-orchestration/plugin-drs-common';
import { needsEngineAfterEnd } from '@drs-orchestration/plugin-drs-common/engine';
import { ENGINE_ATTENTION, INDEX_ATTRIBUTES } from './tables';

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
  /** How far it got (executionProgress of drs-common): what a failed drill is judged by. */
  progress?: ExecutionProgress;
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
  engine_attention?: typeof ENGINE_ATTENTION;
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

/** The item an execution is stored as. */
function toItem(execution: Execution): ExecutionItem {
  const { waves, version, ...header } = execution;
  const servers = waves.flatMap(w => w.servers);
  return {
    execution_id: execution.executionId,
    execution_status: execution.status,
    entity_ref: execution.entityRef,
    created_at: execution.createdAt,
    version,
    header: JSON.stringify({
      ...header,
      worstDataLossSeconds: worstDataLossSeconds(execution),
      progress: executionProgress(execution),
    } satisfies StoredHeader),
    // The engine writes on every change of every active execution: the fastest level keeps
    // that cheap and still shrinks the JSON about ten-fold. (zlib's asynchronous API costs
    // three times the CPU for items this small.)
    waves_gz: gzipSync(JSON.stringify(waves), {
      level: constants.Z_BEST_SPEED,
    }),
    ...(needsEngineAfterEnd(execution)
      ? { engine_attention: ENGINE_ATTENTION }
      : {}),
    wave_count: waves.length,
    server_count: servers.length,
    completed_wave_count: waves.filter(w => w.status === 'COMPLETED').length,
    failed_server_count: servers.filter(s => s.status === 'FAILED').length,
  };
}

/**
 * What the header and the compressed waves of an item may take: DynamoDB refuses an item over
 * 400 KB, and its keys, counts and attribute names fit in the rest.
 */
const MAX_ITEM_CONTENT_BYTES = 380 * 1024;

function withoutOutputs(step: ExecutionStep): ExecutionStep {
  if (step.type !== 'automation' || step.outputs === undefined) return step;
  const { outputs, ...rest } = step;
  return { ...rest, outputsTruncated: true };
}

/**
 * The item of an execution, and the execution as it is stored. The domain bounds each step's
 * outputs, yet 20 waves of 10 automation steps, each with outputs at that bound and little to
 * compress, exceed an item: then the steps' outputs are left out (outputsTruncated says so)
 * and everything else is kept, rather than a write DynamoDB refuses on every cycle.
 */
export function storedForm(execution: Execution): {
  item: ExecutionItem;
  stored: Execution;
} {
  const item = toItem(execution);
  if (
    item.waves_gz.length + Buffer.byteLength(item.header) <=
    MAX_ITEM_CONTENT_BYTES
  ) {
    return { item, stored: execution };
  }
  const stored = {
    ...execution,
    waves: execution.waves.map(wave =>
      wave.steps ? { ...wave, steps: wave.steps.map(withoutOutputs) } : wave,
    ),
  };
  return { item: toItem(stored), stored };
}

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
  delete header.progress;
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
