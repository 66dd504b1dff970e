import { notFound } from '../errors';
import { recoveryInstanceFailbackView } from '../failbackViews';
import { faultStrikes } from '../faults';
import { newId } from '../ids';
import { scheduleTerminateJob } from '../lifecycle';
import { paginate, PageRequest } from '../pagination';
import { addJob, JobRecord, RecoveryInstanceRecord } from '../state';
import { jobView, recoveryInstanceView } from '../views';
import { idFilter, OperationContext } from './context';
import {
  enforceActiveJobQuotas,
  rejectDuplicates,
  rejectHeldServers,
} from './jobs';

export interface DescribeRecoveryInstancesInput extends PageRequest {
  filters?: { recoveryInstanceIDs?: string[]; sourceServerIDs?: string[] };
}

export function describeRecoveryInstances(
  { sim, tenant, now }: OperationContext,
  input: DescribeRecoveryInstancesInput,
) {
  const instanceIds = idFilter(input.filters?.recoveryInstanceIDs);
  const serverIds = idFilter(input.filters?.sourceServerIDs);
  // A server has at most one recovery instance, so a server filter is a lookup, not a scan.
  const candidates: Iterable<RecoveryInstanceRecord> = serverIds
    ? [...serverIds].flatMap(id => {
        const instanceId = tenant.servers.get(id)?.recoveryInstanceID;
        const instance = instanceId && tenant.recoveryInstances.get(instanceId);
        return instance ? [instance] : [];
      })
    : tenant.recoveryInstances.values();
  const instances = [...candidates].filter(
    instance => !instanceIds || instanceIds.has(instance.recoveryInstanceID),
  );
  const page = paginate('DescribeRecoveryInstances', instances, input);
  return {
    items: page.items.map(instance => ({
      ...recoveryInstanceView(tenant, instance),
      ...recoveryInstanceFailbackView(sim.tenants, tenant, instance, now),
    })),
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
  };
}

/** Terminating is itself a job (type TERMINATE) that the caller must poll. */
export function terminateRecoveryInstances(
  context: OperationContext,
  input: { recoveryInstanceIDs: string[] },
) {
  const { sim, tenant, now } = context;
  rejectDuplicates('recoveryInstanceIDs', input.recoveryInstanceIDs);
  const instances = input.recoveryInstanceIDs.map(id => {
    const instance = tenant.recoveryInstances.get(id);
    if (!instance) throw notFound('RECOVERY_INSTANCE', id);
    return instance;
  });
  rejectHeldServers(
    context,
    instances.map(instance => instance.sourceServerID),
  );
  enforceActiveJobQuotas(context, instances.length);

  const job: JobRecord = {
    jobID: newId(sim.dice.ids, 'job'),
    type: 'TERMINATE',
    initiatedBy: 'TERMINATE_RECOVERY_INSTANCES',
    isDrill: instances.every(instance => instance.isDrill),
    createdAt: now,
    tags: {},
    hangs: faultStrikes(sim.dice.outcomes, sim.faults.hangJobShare),
    status: 'PENDING',
    participants: instances.map(instance => ({
      sourceServerID: instance.sourceServerID,
      recoveryInstanceID: instance.recoveryInstanceID,
      launchStatus: 'PENDING',
      reportsRecoveryInstanceId: true,
    })),
    log: [],
  };
  addJob(tenant, job);
  scheduleTerminateJob(sim.lifecycle(), tenant, job);
  return { job: jobView(tenant, job) };
}
