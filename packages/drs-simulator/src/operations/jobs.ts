import { increment } from '../callLog';
import { conflict, invalidFields, notFound, quotaExceeded } from '../errors';
import { faultStrikes } from '../faults';
import { newId } from '../ids';
import { scheduleLaunchJob, ServerLaunchPlan } from '../launchJob';
import { ShapeIssue } from '../shapeValidation';
import { paginate, PageRequest } from '../pagination';
import { activeJobHolding, activeJobs, addJob, JobRecord } from '../state';
import { jobLogView, jobView } from '../views';
import { OperationContext, idFilter } from './context';
import { LaunchRequestEntry, pointsInTimeToLaunch } from './pointsInTime';
import { serverOrNotFound } from './sourceServers';

/** Model validation cannot see duplicates inside a list; DRS refuses them. */
export function rejectDuplicates(field: string, ids: string[]) {
  const seen = new Set<string>();
  const issues: ShapeIssue[] = [];
  ids.forEach((id, index) => {
    if (seen.has(id)) {
      issues.push({ path: `${field}[${index}]`, message: `repeats ${id}` });
    }
    seen.add(id);
  });
  if (issues.length) throw invalidFields(issues);
}

/** One job per source server at a time. */
export function rejectHeldServers(
  { tenant }: OperationContext,
  sourceServerIDs: string[],
) {
  for (const id of sourceServerIDs) {
    const holder = activeJobHolding(tenant, id);
    if (holder) {
      throw conflict(
        `Source server ${id} is already participating in job ${holder.jobID} (${holder.status})`,
        id,
        'SOURCE_SERVER',
      );
    }
  }
}

/** The concurrent-job and servers-in-active-jobs quotas, checked before any job is created. */
export function enforceActiveJobQuotas(
  { sim, tenant }: OperationContext,
  serverCount: number,
) {
  const { maxConcurrentJobs, maxServersInActiveJobs } = sim.settings.quotas;
  const active = activeJobs(tenant);
  if (active.length >= maxConcurrentJobs) {
    throw quotaExceeded(
      `Cannot start a job: ${active.length} jobs are active and the quota is ${maxConcurrentJobs} concurrent jobs`,
      'MaxConcurrentJobs',
    );
  }
  const busy = active.reduce((sum, job) => sum + job.participants.length, 0);
  if (busy + serverCount > maxServersInActiveJobs) {
    throw quotaExceeded(
      `Cannot start a job for ${serverCount} servers: ${busy} servers are in active jobs and the quota is ${maxServersInActiveJobs}`,
      'MaxSourceServersInActiveJobs',
    );
  }
}

export interface StartRecoveryInput {
  sourceServers: LaunchRequestEntry[];
  isDrill?: boolean;
  tags?: Record<string, string>;
}

export function startRecovery(
  context: OperationContext,
  input: StartRecoveryInput,
) {
  const { sim, tenant, now } = context;
  const ids = input.sourceServers.map(entry => entry.sourceServerID);
  for (const id of ids) {
    increment(sim.calls.startRecoveryBySourceServer, id);
  }
  rejectDuplicates('sourceServers', ids);
  const { maxServersPerJob } = sim.settings.quotas;
  if (ids.length > maxServersPerJob) {
    throw quotaExceeded(
      `A job can launch at most ${maxServersPerJob} source servers; ${ids.length} were requested`,
      'MaxSourceServersPerJob',
    );
  }
  const servers = ids.map(id => serverOrNotFound(context, id));
  rejectHeldServers(context, ids);
  const snapshots = pointsInTimeToLaunch(context, input.sourceServers, servers);
  enforceActiveJobQuotas(context, ids.length);

  const { faults } = sim;
  const { outcomes } = sim.dice;
  const isDrill = input.isDrill ?? false;
  const job: JobRecord = {
    jobID: newId(sim.dice.ids, 'job'),
    type: 'LAUNCH',
    initiatedBy: isDrill ? 'START_DRILL' : 'START_RECOVERY',
    isDrill,
    createdAt: now,
    tags: { ...(input.tags ?? {}) },
    hangs: faultStrikes(outcomes, faults.hangJobShare),
    status: 'PENDING',
    participants: ids.map(sourceServerID => ({
      sourceServerID,
      launchStatus: 'PENDING',
      reportsRecoveryInstanceId: !faultStrikes(
        outcomes,
        faults.missingRecoveryInstanceIdShare,
      ),
    })),
    log: [],
  };
  addJob(tenant, job);
  const plans: ServerLaunchPlan[] = servers.map((server, index) => {
    server.lastLaunch = {
      jobID: job.jobID,
      type: isDrill ? 'DRILL' : 'RECOVERY',
      apiCallAt: now,
      status: 'PENDING',
    };
    server.lastLaunchResult = 'PENDING';
    increment(sim.calls.launchesBySourceServer, server.sourceServerID);
    return {
      server,
      participant: job.participants[index],
      recoverySnapshot: snapshots[index],
      // Faults are read when the job starts: changing them later leaves it alone.
      failAt:
        faults.failServers[server.sourceServerID] ??
        faults.failServers[server.hostname] ??
        server.failAt,
    };
  });
  scheduleLaunchJob(sim.lifecycle(), tenant, job, plans);
  return { job: jobView(tenant, job) };
}

export interface DescribeJobsInput extends PageRequest {
  filters?: { jobIDs?: string[]; fromDate?: string; toDate?: string };
}

export function describeJobs(
  { tenant }: OperationContext,
  input: DescribeJobsInput,
) {
  const filters = input.filters ?? {};
  const ids = idFilter(filters.jobIDs);
  const from = filters.fromDate ? Date.parse(filters.fromDate) : -Infinity;
  const to = filters.toDate ? Date.parse(filters.toDate) : Infinity;
  const jobs = tenant.jobs
    .filter(
      job =>
        (!ids || ids.has(job.jobID)) &&
        job.createdAt >= from &&
        job.createdAt <= to,
    )
    // Newest first; jobs are stored in creation order, so reversing keeps ties stable.
    .reverse();
  const page = paginate('DescribeJobs', jobs, input);
  return {
    items: page.items.map(job => jobView(tenant, job)),
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
  };
}

export function describeJobLogItems(
  { tenant }: OperationContext,
  input: PageRequest & { jobID: string },
) {
  const job = tenant.jobs.find(j => j.jobID === input.jobID);
  if (!job) throw notFound('JOB', input.jobID);
  const page = paginate('DescribeJobLogItems', job.log, input);
  return {
    items: page.items.map(jobLogView),
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
  };
}
