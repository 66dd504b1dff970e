import { increment } from '../callLog';
import { requestKey } from '../canonicalJson';
import { newUuid } from '../ids';
import { OperationContext, OperationSpec } from '../operations/context';
import {
  AutomationRecord,
  scheduleAutomation,
  stopAutomation,
} from './automations';
import { documentNamed, DOCUMENT_VERSION, runParameters } from './documents';
import { ssmError } from './errors';
import { automationExecutionView } from './views';

export interface StartAutomationExecutionInput {
  DocumentName: string;
  DocumentVersion?: string;
  Parameters?: Record<string, string[]>;
  ClientToken?: string;
  Mode?: string;
  [member: string]: unknown;
}

/** Rate control and runs across accounts and regions: refused rather than run wrongly. */
const NOT_SIMULATED = [
  'TargetParameterName',
  'Targets',
  'TargetMaps',
  'MaxConcurrency',
  'MaxErrors',
  'TargetLocations',
];

function rejectNotSimulated(input: StartAutomationExecutionInput) {
  const asked = NOT_SIMULATED.filter(member => input[member] !== undefined);
  if (input.Mode === 'Interactive') asked.push('Mode Interactive');
  if (asked.length) {
    throw ssmError(
      'ValidationException',
      `The simulator runs automations in Auto mode on no targets; it does not simulate ${asked.join(
        ', ',
      )}`,
    );
  }
}

/**
 * Starts a run, exactly once per ClientToken: a retry with the same token and request gets the
 * same execution; the same token with another request is an IdempotentParameterMismatch. SSM's
 * tokens "can't be reused" and AWS documents no window after which they could: the simulator
 * keeps them for the life of its world.
 */
export function startAutomationExecution(
  { sim, tenant, now }: OperationContext,
  input: StartAutomationExecutionInput,
) {
  const automations = sim.automationsOf(tenant);
  const token = input.ClientToken?.toLowerCase();
  if (token) increment(sim.calls.startAutomationByClientToken, token);
  const request = requestKey(input);
  const earlier = token ? automations.byClientToken.get(token) : undefined;
  if (earlier) {
    if (earlier.request !== request) {
      throw ssmError(
        'IdempotentParameterMismatch',
        `ClientToken ${input.ClientToken} was used by another request (execution ${earlier.automationExecutionId})`,
      );
    }
    return { AutomationExecutionId: earlier.automationExecutionId };
  }
  rejectNotSimulated(input);
  const document = documentNamed(
    sim.documents,
    input.DocumentName,
    input.DocumentVersion,
  );
  const record: AutomationRecord = {
    automationExecutionId: newUuid(sim.dice.ssm),
    stepExecutionId: newUuid(sim.dice.ssm),
    document,
    documentVersion: DOCUMENT_VERSION,
    parameters: runParameters(document, input.Parameters ?? {}),
    ...(token ? { clientToken: token } : {}),
    request,
    outcome: sim.faults.automationFaults[document.name] ?? document.outcome,
    createdAt: now,
    status: 'Pending',
  };
  automations.byId.set(record.automationExecutionId, record);
  if (token) {
    automations.byClientToken.set(token, record);
    increment(sim.calls.automationsByClientToken, token);
  }
  increment(sim.calls.automationsByDocument, document.name);
  scheduleAutomation(sim.lifecycle(), record);
  return { AutomationExecutionId: record.automationExecutionId };
}

function automationOrNotFound(
  { sim, tenant }: OperationContext,
  id: string,
): AutomationRecord {
  const record = sim.automationsOf(tenant).byId.get(id);
  if (!record) {
    throw ssmError(
      'AutomationExecutionNotFoundException',
      `Automation execution ${id} was not found`,
    );
  }
  return record;
}

interface ExecutionIdInput {
  AutomationExecutionId: string;
}

/** The SSM operations the simulator serves, by name (= the X-Amz-Target after `AmazonSSM.`). */
export const SSM_OPERATIONS: Record<string, OperationSpec> = {
  StartAutomationExecution: {
    handle: (context, input) =>
      startAutomationExecution(context, input as StartAutomationExecutionInput),
    commits: true,
  },
  GetAutomationExecution: {
    handle: (context, input) => ({
      AutomationExecution: automationExecutionView(
        automationOrNotFound(
          context,
          (input as ExecutionIdInput).AutomationExecutionId,
        ),
      ),
    }),
  },
  StopAutomationExecution: {
    handle: (context, input) => {
      const record = automationOrNotFound(
        context,
        (input as ExecutionIdInput).AutomationExecutionId,
      );
      stopAutomation(context.sim.lifecycle(), record, context.now);
      return {};
    },
    commits: true,
  },
};
