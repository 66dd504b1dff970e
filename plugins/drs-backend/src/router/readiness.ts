import Router from 'express-promise-router';
import { DrsBackendConfig } from '../config';
import {
  DrsStores,
  EngineCycleRecord,
  EngineHeartbeatStore,
  PlanEvaluationStore,
} from '../services/DynamoStore/types';
import { parseQuery } from '../validation';

/** Poll intervals without a completed cycle after which an engine with work is not ready. */
export const STALE_AFTER_INTERVALS = 3;

/** What readiness is judged against: the engine's settings on this replica. */
export interface ReadinessOptions {
  heartbeat?: EngineHeartbeatStore;
  pollIntervalSeconds: number;
  /** The plan evaluator's record, whose last pass the report shows. */
  evaluations?: PlanEvaluationStore;
  /** How often the evaluator runs (`drs.planEvaluation.frequency`), in seconds. */
  evaluationFrequencySeconds?: number;
  now?: () => Date;
}

/** What readiness judges on this replica: the stores' records and the engine's settings. */
export function readinessOptions(
  stores: DrsStores,
  settings: DrsBackendConfig,
): ReadinessOptions {
  return {
    heartbeat: stores.heartbeat,
    pollIntervalSeconds: settings.engine.pollIntervalSeconds,
    evaluations: stores.evaluations,
    evaluationFrequencySeconds: settings.planEvaluation.frequencySeconds,
  };
}

/**
 * The plan evaluator's last pass, as readiness reports it. It never makes readiness fail: a
 * replica serves requests whether or not plans were evaluated lately.
 */
export interface LastEvaluationReport {
  /** When the last pass ended (ISO 8601); absent before the first, or when unreadable. */
  completedAt?: string;
  /** Seconds since then. */
  ageSeconds?: number;
  durationMs?: number;
  /** Plans evaluated in it, and of them failing, degraded and not evaluable. */
  plansEvaluated?: number;
  failing?: number;
  degraded?: number;
  unknown?: number;
  /** Accounts and regions read. */
  locations?: number;
  frequencySeconds?: number;
  /** Why the last pass could not be read. */
  error?: string;
}

/** The answer of `GET /health/readiness`, in the shape of Backstage's own readiness. */
export interface ReadinessReport {
  status: 'ok' | 'error';
  /** Why it is not ready; only with status `error`. */
  message?: string;
  engine: {
    /** `fresh`, `stale` (older than staleAfterSeconds), `missing` (no cycle yet) or `untracked` (the stores keep no heartbeat). */
    heartbeat: 'fresh' | 'stale' | 'missing' | 'untracked';
    /** The last cycle any replica completed. */
    lastCycle?: Omit<EngineCycleRecord, 'pollIntervalSeconds'>;
    /** Seconds since the last cycle completed. */
    ageSeconds?: number;
    pollIntervalSeconds: number;
    staleAfterSeconds: number;
    /** Executions in an active status now. */
    activeExecutions?: number;
  };
  /** The plan evaluator's last pass; absent when the stores keep no evaluations. */
  lastEvaluation?: LastEvaluationReport;
}

async function lastEvaluation(
  options: ReadinessOptions,
  now: Date,
): Promise<LastEvaluationReport | undefined> {
  if (!options.evaluations) return undefined;
  const frequencySeconds = options.evaluationFrequencySeconds;
  try {
    const run = await options.evaluations.lastRun();
    if (!run) return { frequencySeconds };
    return {
      completedAt: run.completedAt,
      ageSeconds: Math.max(
        0,
        Math.round((now.getTime() - Date.parse(run.completedAt)) / 1000),
      ),
      durationMs: run.durationMs,
      plansEvaluated: run.plans,
      failing: run.failing,
      degraded: run.degraded,
      unknown: run.unknown,
      locations: run.locations,
      frequencySeconds,
    };
  } catch (error) {
    return { frequencySeconds, error: (error as Error).message };
  }
}

/**
 * Judges the engine from its heartbeat: not ready when executions are active and no cycle has
 * completed for STALE_AFTER_INTERVALS poll intervals. With nothing active, an idle or stopped
 * engine harms nobody, so it stays ready and says how old its heartbeat is.
 */
export function judgeReadiness(
  reading: Awaited<ReturnType<EngineHeartbeatStore['read']>> | undefined,
  pollIntervalSeconds: number,
  now: Date,
): ReadinessReport {
  const staleAfterSeconds = STALE_AFTER_INTERVALS * pollIntervalSeconds;
  const base = { pollIntervalSeconds, staleAfterSeconds };
  if (!reading) {
    return { status: 'ok', engine: { heartbeat: 'untracked', ...base } };
  }
  const { lastCycle, activeExecutions } = reading;
  const ageSeconds = lastCycle
    ? Math.max(0, (now.getTime() - Date.parse(lastCycle.completedAt)) / 1000)
    : undefined;
  let heartbeat: ReadinessReport['engine']['heartbeat'] = 'missing';
  if (ageSeconds !== undefined) {
    heartbeat = ageSeconds > staleAfterSeconds ? 'stale' : 'fresh';
  }
  const engine = {
    heartbeat,
    ...(lastCycle && {
      lastCycle: {
        completedAt: lastCycle.completedAt,
        durationMs: lastCycle.durationMs,
        executions: lastCycle.executions,
      },
      ageSeconds: Math.round(ageSeconds! * 10) / 10,
    }),
    ...base,
    activeExecutions,
  };
  if (heartbeat === 'fresh' || activeExecutions === 0) {
    return { status: 'ok', engine };
  }
  const since =
    heartbeat === 'missing'
      ? 'has not completed a cycle yet'
      : `has not completed a cycle for ${Math.round(ageSeconds!)} s`;
  return {
    status: 'error',
    message: `The DRS engine ${since} (more than ${staleAfterSeconds} s, ${STALE_AFTER_INTERVALS} poll intervals) while ${activeExecutions} execution(s) are active`,
    engine,
  };
}

/**
 * `GET /health/readiness`: 200 when the engine keeps up, 503 with the reason when it stopped
 * with executions active. Unauthenticated like `/health` (the plugin's policy on `/health`
 * covers the paths below it), for load balancers and monitors.
 */
export function readinessRoutes(options: ReadinessOptions) {
  const router = Router();
  const now = options.now ?? (() => new Date());

  router.get('/health/readiness', async (req, res) => {
    parseQuery(req.query);
    let report: ReadinessReport;
    try {
      const reading = await options.heartbeat?.read();
      report = judgeReadiness(reading, options.pollIntervalSeconds, now());
    } catch (error) {
      report = {
        status: 'error',
        message: `The engine's heartbeat cannot be read: ${
          (error as Error).message
        }`,
        engine: {
          heartbeat: 'missing',
          pollIntervalSeconds: options.pollIntervalSeconds,
          staleAfterSeconds:
            STALE_AFTER_INTERVALS * options.pollIntervalSeconds,
        },
      };
    }
    const evaluation = await lastEvaluation(options, now());
    res
      .status(report.status === 'ok' ? 200 : 503)
      .json(evaluation ? { ...report, lastEvaluation: evaluation } : report);
  });

  return router;
}
