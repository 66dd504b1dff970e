/** Source servers and recovery plans as the plugins exchange them. */
import { PlanMode, WaitFor } from './statuses';
import type { DrillSchedule, DrillScheduleState } from './drillScheduleTypes';
import type { DrillCleanupPolicy, PlanStep } from './stepTypes';

/**
 * A DRS source server as the plugin shows it: identity, replication health and tags.
 *
 * @public
 */
export interface SourceServer {
  /** The DRS ID of the server, `s-` and 17 letters or digits; plans name servers by it. */
  sourceServerId: string;
  /** The server's ARN in DRS. */
  arn?: string;
  /** The hostname DRS identified on the source machine, what people recognise it by. */
  hostname: string;
  /** DRS `dataReplicationInfo.dataReplicationState`, e.g. CONTINUOUS, STALLED, DISCONNECTED. */
  replicationState: string;
  /** Replication lag in seconds (DRS reports an ISO-8601 duration); undefined when unknown. */
  lagSeconds?: number;
  /** When DRS last heard from the server's replication agent, ISO-8601. */
  lastSeenAt?: string;
  /** The server's DRS tags, which the tags annotation selects on. */
  tags: Record<string, string>;
  /** DRS lifeCycle.lastLaunch.initiated.type, if the server was ever launched. */
  lastLaunchType?: string;
  /** DRS `replicationDirection`: FAILOVER, or FAILBACK for a server ReverseReplication created. */
  replicationDirection?: string;
  /** DRS `reversedDirectionSourceServerArn`: the server replicating in the other direction. */
  reversedDirectionSourceServerArn?: string;
  /** Percent of its disks' bytes replicated, 0-100, when DRS reports disks. */
  progressPercent?: number;
}

/**
 * A wave of a recovery plan: servers that DRS launches together, in one job.
 *
 * @public
 */
export interface PlanWave {
  /** The wave's name, unique in the plan; `dependsOn` refers to waves by it. */
  name: string;
  /** The source servers the wave launches. */
  sourceServerIds: string[];
  /** What the wave's servers must reach before the waves that depend on it start. */
  waitFor: WaitFor;
  /** When true, the execution pauses before this wave until someone resumes it. */
  pauseBefore: boolean;
  /** Names of waves that must complete before this one starts. */
  dependsOn: string[];
  /** Steps run in order once the wave starts, before its launch; absent means none. */
  before?: PlanStep[];
  /** Steps run in order once its servers reached `waitFor`, before the wave completes; absent means none. */
  after?: PlanStep[];
  /**
   * For `waitFor` HEALTHY: seconds from the end of the launch within which every server's EC2
   * status checks must be ok, or the wave fails. Absent: DEFAULT_HEALTH_TIMEOUT_SECONDS.
   */
  healthTimeoutSeconds?: number;
}

/**
 * The fields of a plan that a person writes; the rest is bookkeeping.
 *
 * @public
 */
export interface RecoveryPlanInput {
  /** The plan's name in lists and reports. */
  name: string;
  /** Free text for the people who run the plan. */
  description: string;
  /** The mode offered first when someone starts the plan. */
  defaultMode: PlanMode;
  /** How long an execution may run before the engine marks it TIMED_OUT. */
  timeoutMinutes: number;
  /** The waves in order; each waits for the one before it unless it names `dependsOn`. */
  waves: PlanWave[];
  /** Terminate a drill's recovery instances when it ends (never a recovery's); absent means never. */
  drillCleanup?: DrillCleanupPolicy;
  /** When drills of the plan start by themselves; absent means only when someone starts one. */
  drillSchedule?: DrillSchedule;
  /**
   * The order a failback runs the waves in, every wave named once; absent: the recovery's
   * order reversed.
   */
  failbackWaveOrder?: string[];
  /**
   * Recovery time objective of this plan, an ISO 8601 duration (`PT1H`); overrides the entity's
   * `aws.amazon.com/drs-rto` annotation. Absent: the entity's.
   */
  rto?: string;
  /**
   * Recovery point objective of this plan, an ISO 8601 duration (`PT15M`); overrides the entity's
   * `aws.amazon.com/drs-rpo` annotation. Absent: the entity's.
   */
  rpo?: string;
}

/**
 * A stored recovery plan of an entity: what a person wrote, with its identity and history.
 *
 * @public
 */
export interface RecoveryPlan extends RecoveryPlanInput {
  /** The plan's ID, unique within its entity. */
  planId: string;
  /** The entity the plan recovers. */
  entityRef: string;
  /** When the plan was created, ISO-8601. */
  createdAt: string;
  /** Who created it (a user entity ref). */
  createdBy: string;
  /** When it was last changed, ISO-8601. */
  updatedAt: string;
  /** Who last changed it (a user entity ref). */
  updatedBy: string;
  /** Optimistic-locking version; every update must name the version it read. */
  version: number;
  /** What the scheduler recorded of the plan's drill schedule; read-only. */
  drillScheduleState?: DrillScheduleState;
}

/**
 * One page of a list; ask again with `nextCursor` for the next.
 *
 * @public
 */
export interface Page<T> {
  /** The items of this page. */
  items: T[];
  /** Opaque cursor of the next page; absent on the last one. */
  nextCursor?: string;
}
