import type { ApiBenchOptions } from './apiBench';
import type { TimedStart } from './apiDrills';
import type { MemoryResult } from './apiMemory';
import { formatMs, percentile } from './stats';

/** What the API benchmark measured. */
export interface ApiResults {
  /** DRS change → signal, split at the cycle that published it. */
  changes: { total: number; waiting: number; working: number }[];
  list: { api: number[]; store: number[]; raw: number[] };
  fastStarts: TimedStart[];
  defaultStarts: TimedStart[];
  memory: MemoryResult;
}

/** A table: figures right-aligned, the first column and any named in `leftAligned` left-aligned. */
function printTable(header: string[], rows: string[][], leftAligned = [0]) {
  const all = [header, ...rows];
  const widths = header.map((_, c) =>
    Math.max(...all.map(row => (row[c] ?? '').length)),
  );
  for (const row of all) {
    console.log(
      widths
        .map((width, c) =>
          leftAligned.includes(c)
            ? (row[c] ?? '').padEnd(width)
            : (row[c] ?? '').padStart(width),
        )
        .join(' | '),
    );
  }
}

const latency = (samples: number[]) => [
  formatMs(percentile(samples, 50)),
  formatMs(percentile(samples, 95)),
];

function startRows(label: string, starts: TimedStart[]) {
  return [
    [
      `Start request → POLLING signal, ${label}`,
      ...latency(starts.map(s => s.total)),
      '< 2 s',
      `${starts.length}`,
    ],
    ['  202 answer', ...latency(starts.map(s => s.answered))],
    [
      '  waiting for the engine (0: driven at once by the API)',
      ...latency(starts.map(s => s.waiting)),
    ],
    ['  engine start → publish', ...latency(starts.map(s => s.working))],
  ];
}

function listRows(options: ApiBenchOptions, list: ApiResults['list']) {
  const apiToRaw = percentile(list.api, 95) / percentile(list.raw, 95);
  return [
    [
      `List ${options.pageSize} of ${options.history.toLocaleString(
        'en-US',
      )} executions (pages 1–${options.listPages}), API over HTTP`,
      ...latency(list.api),
      `p95 ≤ 3 × raw p95 = ${formatMs(3 * percentile(list.raw, 95))}`,
      `${list.api.length}`,
    ],
    [
      '  ExecutionStore.listForEntity in process (no HTTP, auth, catalog)',
      ...latency(list.store),
      '',
      `${list.store.length}`,
    ],
    [
      '  raw DynamoDB Query on EntityIndex, same page',
      ...latency(list.raw),
      '',
      `${list.raw.length}`,
    ],
    ['  API p95 / raw p95', '', `${apiToRaw.toFixed(1)}×`, '≤ 3×'],
  ];
}

function printMemory(options: ApiBenchOptions, memory: MemoryResult) {
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
  const signed = (bytes: number) =>
    `${bytes < 0 ? '-' : '+'}${mb(Math.abs(bytes))}`;
  const memoryRow = (label: string, key: 'rss' | 'heapUsed') => [
    label,
    mb(memory.before[key]),
    `${mb(memory.after[key])} (${signed(
      memory.after[key] - memory.before[key],
    )})`,
    mb(memory.peak[key]),
  ];
  printTable(
    [
      `Backend process memory, ${options.active} active executions`,
      'idle, before seeding',
      'after 3+ cycles',
      'peak during cycles',
    ],
    [memoryRow('RSS', 'rss'), memoryRow('V8 heap used', 'heapUsed')],
  );
  console.log(
    "Memory: process.memoryUsage() of this process (the backend; dynalite and the simulator run in the other), after a full GC (V8's expose-gc flag set at run time); peak sampled every 50 ms.",
  );
}

export function printApiReport(options: ApiBenchOptions, results: ApiResults) {
  const { changes, memory } = results;
  const fastLabel = `poll interval ${options.fastPollSeconds} s`;
  printTable(
    ['Figure', 'p50', 'p95', 'Target', 'Samples'],
    [
      [
        `DRS job status change → signal published, ${fastLabel}`,
        ...latency(changes.map(c => c.total)),
        `< interval + 1 s = ${options.fastPollSeconds + 1} s`,
        `${changes.length}`,
      ],
      [
        '  waiting for the next engine cycle',
        ...latency(changes.map(c => c.waiting)),
      ],
      [
        '  cycle start → publish',
        ...latency(changes.map(c => c.working)),
        '< 1 s',
      ],
      ...startRows(fastLabel, results.fastStarts),
      ...startRows(
        `poll interval ${options.defaultPollSeconds} s (default)`,
        results.defaultStarts,
      ),
      ...listRows(options, results.list),
      [
        `Engine cycle over ${options.active} active executions, nothing changed`,
        ...latency(memory.cycleMs),
        '',
        `${memory.cycleMs.length}`,
      ],
      [
        `ExecutionStore.listActive, ${options.active} active (each start reads it)`,
        ...latency(memory.listActiveMs),
        '',
        `${memory.listActiveMs.length}`,
      ],
    ],
    [0, 3],
  );
  console.log(
    `Change samples alternate "wave 1 job done → wave 2 launched" and "last wave done → drill COMPLETED"; ${Math.ceil(
      options.samples / 2,
    )} drills in turn. Starts: one drill per plan, each on its own servers.`,
  );
  printMemory(options, memory);
}
