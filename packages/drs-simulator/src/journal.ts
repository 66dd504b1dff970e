import { createHash } from 'crypto';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'fs';
import { dirname } from 'path';
import { JournalEntry } from './journalEntries';
import { SERVICES } from './services';
import { Simulation, SimulationSettings } from './simulation';

interface JournalHeader {
  version: 1;
  startTimeMs: number;
  /** When the world last started from its inventory: the start, or its last reset. */
  bornAtMs: number;
  /** Everything the world starts from: a journal replays only onto the same start. */
  origin: string;
}

/**
 * What starting with a journal did: how much it replayed, or why it started afresh.
 *
 * @public
 */
export interface JournalResumption {
  /** Changes replayed from the journal. */
  replayed: number;
  /** Why an existing journal was set aside (and where to), if it was. */
  discarded?: string;
}

function originOf(settings: Omit<SimulationSettings, 'startTimeMs'>): string {
  const { inventory, clock, speed, seed, quotas, faults } = settings;
  return createHash('sha256')
    .update(JSON.stringify({ inventory, clock, speed, seed, quotas, faults }))
    .digest('hex');
}

/**
 * Applies recorded changes in order, each at its own simulated time. Job lifecycles are
 * scheduled from the moments their jobs were created and every random draw comes from seeded
 * streams, so the world comes back as it was, jobs and instances with the same IDs.
 */
function replay(sim: Simulation, entries: JournalEntry[]): void {
  for (const entry of entries) {
    sim.clock.pin(entry.at);
    sim.sync();
    if (entry.kind === 'call') {
      const tenant = sim.tenants.find(
        t => t.accountId === entry.accountId && t.region === entry.region,
      );
      const operation = SERVICES[entry.service]?.operations[entry.operation];
      if (!tenant || !operation?.commits) {
        throw new Error(
          `cannot replay ${entry.operation} in ${entry.accountId}/${entry.region}`,
        );
      }
      operation.handle({ sim, tenant, now: entry.at }, entry.input);
    } else if (entry.kind === 'faults') {
      sim.setFaults(entry.patch);
    } else if (entry.kind === 'replication') {
      sim.changeReplication(entry.update);
    } else if (entry.kind === 'documents') {
      sim.defineAutomationDocuments(entry.documents);
    } else if (entry.kind === 'provisioned') {
      sim.cloudFormation.record(entry.outcome);
    } else {
      sim.clock.advance(entry.seconds);
    }
  }
  sim.clock.pin(undefined);
  sim.sync();
}

function readJournal(path: string) {
  const [first, ...rest] = readFileSync(path, 'utf8')
    .split('\n')
    .filter(line => line.trim());
  return {
    header: JSON.parse(first) as JournalHeader,
    entries: rest.map(line => JSON.parse(line) as JournalEntry),
  };
}

/**
 * A simulation that keeps its world in a journal file across restarts: the changes recorded
 * there are replayed first, and each new change is appended. A journal written for another
 * inventory or other settings, or one that cannot be replayed, is renamed aside and the world
 * starts afresh.
 */
export function journaledSimulation(
  settings: SimulationSettings,
  path: string,
): { sim: Simulation; resumption: JournalResumption } {
  const origin = originOf(settings);
  let resumption: JournalResumption = { replayed: 0 };
  let sim: Simulation | undefined;
  let header: JournalHeader | undefined;
  if (existsSync(path)) {
    let reason: string | undefined;
    try {
      const journal = readJournal(path);
      if (journal.header.version !== 1 || journal.header.origin !== origin) {
        reason = 'it was written for another inventory or other settings';
      } else {
        sim = new Simulation({
          ...settings,
          startTimeMs: journal.header.startTimeMs,
        });
        // The world starts as it did then, not as it would now.
        sim.clock.pin(journal.header.bornAtMs);
        sim.reset();
        replay(sim, journal.entries);
        header = journal.header;
        resumption = { replayed: journal.entries.length };
      }
    } catch (error) {
      reason = `it could not be replayed (${(error as Error).message})`;
      sim = undefined;
    }
    if (reason) {
      const aside = `${path}.${Date.now()}.discarded`;
      renameSync(path, aside);
      resumption = { replayed: 0, discarded: `${reason}; moved to ${aside}` };
    }
  }
  if (!sim || !header) {
    sim = new Simulation(settings);
    header = {
      version: 1,
      startTimeMs: settings.startTimeMs,
      bornAtMs: sim.clock.now(),
      origin,
    };
  }
  const begin = (bornAtMs: number) =>
    writeFileSync(path, `${JSON.stringify({ ...header, bornAtMs })}\n`);
  mkdirSync(dirname(path), { recursive: true });
  if (resumption.replayed === 0) begin(header.bornAtMs);
  sim.journal = {
    append: entry => appendFileSync(path, `${JSON.stringify(entry)}\n`),
    clear: begin,
  };
  return { sim, resumption };
}
