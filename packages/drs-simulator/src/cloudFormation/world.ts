import type { JournalWriter } from '../journalEntries';
import { entryOf } from '../maps';
import type { Tenant } from '../state';
import { actionKey } from './operation';
import {
  ChangeSetRecord,
  emptyStacks,
  ProvisioningOutcome,
  RecordedOutcome,
  ResourceAction,
  StackRecord,
  TenantStacks,
} from './records';
import { RunnerContext } from './actions';
import { advanceStack } from './runner';

/** Makes what can be real locally: CloudFormation's DynamoDB tables, in a DynamoDB. */
export interface ResourceProvisioner {
  /** Whether it makes resources of this type. */
  provisions(type: string): boolean;
  /** Carries the action out; never rejects (a failure is an outcome). */
  run(action: ResourceAction, tenant: Tenant): Promise<ProvisioningOutcome>;
}

/** An external action that is due, and the stack waiting for its outcome. */
interface PendingAction {
  tenant: Tenant;
  stack: StackRecord;
  action: ResourceAction;
}

/** What settling needs of the simulation: its time, with everything due applied, and its journal. */
export interface SettleHost {
  sync(): number;
  journal?: JournalWriter;
}

/**
 * CloudFormation's part of the world: every tenant's stacks and change sets, and the DynamoDB
 * tables it makes. Stacks move lazily, like the rest of the world: `advance` applies what is
 * due; an external action due waits until `settle` (before each CloudFormation call) has
 * carried it out and recorded how it went, in the journal too, so a replay needs no DynamoDB.
 */
export class CloudFormationWorld {
  private tenants = new Map<Tenant, TenantStacks>();
  private pending: PendingAction[] = [];
  private settling: Promise<void> = Promise.resolve();

  constructor(readonly provisioner?: ResourceProvisioner) {}

  reset(): void {
    this.tenants = new Map();
    this.pending = [];
  }

  of(tenant: Tenant): TenantStacks {
    return entryOf(this.tenants, tenant, emptyStacks);
  }

  changeSet(id: string): ChangeSetRecord | undefined {
    for (const { changeSets } of this.tenants.values()) {
      const found = changeSets.get(id);
      if (found) return found;
    }
    return undefined;
  }

  /** Applies what is due by `now` in every stack; notes the external actions due. */
  advance(now: number, ctx: RunnerContext): void {
    this.pending = [];
    for (const [tenant, { stacks }] of this.tenants) {
      for (const stack of stacks) {
        const action = advanceStack(stack, now, ctx);
        if (action) this.pending.push({ tenant, stack, action });
      }
    }
  }

  /**
   * Carries out the external actions due, one at a time and in order, until none is left. Calls
   * never overlap: one settling waits for the one before.
   */
  settle(host: SettleHost): Promise<void> {
    const run = this.settling.then(async () => {
      const { provisioner } = this;
      host.sync();
      for (
        let next = this.pending[0];
        next && provisioner;
        next = this.pending[0]
      ) {
        const outcome = await provisioner.run(next.action, next.tenant);
        const recorded: RecordedOutcome = {
          accountId: next.tenant.accountId,
          region: next.tenant.region,
          stackId: next.stack.stackId,
          operation: next.stack.operation!.index,
          key: actionKey(next.stack.operation!.stage, next.action),
          ...outcome,
        };
        this.record(recorded);
        host.journal?.append({
          at: next.action.endsAt!,
          kind: 'provisioned',
          outcome: recorded,
        });
        host.sync();
      }
    });
    this.settling = run.catch(() => undefined);
    return run;
  }

  /** An outcome, from settling or from the journal, kept by the operation it belongs to. */
  record(outcome: RecordedOutcome): void {
    const tenant = [...this.tenants.keys()].find(
      t => t.accountId === outcome.accountId && t.region === outcome.region,
    );
    const stack = tenant
      ? this.tenants
          .get(tenant)!
          .stacks.find(s => s.stackId === outcome.stackId)
      : undefined;
    if (stack?.operation?.index !== outcome.operation) return;
    const { failure } = outcome;
    stack.operation.outcomes.set(outcome.key, failure ? { failure } : {});
  }
}
