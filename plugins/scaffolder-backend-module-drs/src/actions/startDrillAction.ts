import { randomUUID } from 'crypto';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { Execution } from '@drs-orchestration/plugin-drs-common';
import { DrsBackendClient } from './drsBackendClient';
import { entityPath, parseEntityRefInput } from './entityRef';
import { checkInputs, PLAN_ID_RULE } from './inputRules';

const ACTION_ID = 'drs:drill:start';

const examples = [
  {
    description: 'Start a drill of the plan registered by an earlier step',
    example: `steps:
  - id: drill
    action: drs:drill:start
    name: Start a DR drill
    input:
      entityRef: component:default/checkout
      planId: \${{ steps.plan.output.planId }}
output:
  links:
    - title: Follow the drill
      url: \${{ steps.drill.output.executionUrl }}`,
  },
];

export function startDrillAction(options: {
  drsBackend: DrsBackendClient;
  /** The Backstage frontend's base URL (app.baseUrl), for the link to the execution. */
  appBaseUrl: string;
}) {
  return createTemplateAction({
    id: ACTION_ID,
    description:
      "Starts a drill (isolated recovery instances, no failover) of an entity's recovery plan through the DRS backend's API.",
    examples,
    schema: {
      input: {
        entityRef: z =>
          z
            .string()
            .describe(
              'The entity that owns the plan, e.g. component:default/checkout',
            ),
        planId: z =>
          z
            .string()
            .describe(
              'ID of the plan to drill, e.g. the output of drs:plan:create',
            ),
      },
      output: {
        executionId: z => z.string().describe('ID of the drill execution'),
        executionUrl: z =>
          z.string().describe('Page of the execution in Backstage'),
        status: z =>
          z
            .string()
            .describe(
              'Status of the execution when it was accepted, e.g. PENDING',
            ),
      },
    },
    async handler(ctx) {
      const entity = parseEntityRefInput(ACTION_ID, ctx.input.entityRef);
      checkInputs(ACTION_ID, [
        { field: 'planId', value: ctx.input.planId, rule: PLAN_ID_RULE },
      ]);

      // Stored with the task, so a retried task sends the same key and the backend
      // answers with the drill it already started instead of launching a second one.
      const idempotencyKey = await ctx.checkpoint({
        key: `drs-drill-idempotency-key:${ctx.input.planId}`,
        fn: () => randomUUID(),
      });
      const execution = await options.drsBackend.post<Execution>({
        path: `${entityPath(entity)}/plans/${encodeURIComponent(
          ctx.input.planId,
        )}/executions`,
        body: { mode: 'DRILL' },
        headers: { 'Idempotency-Key': idempotencyKey },
        credentials: await ctx.getInitiatorCredentials(),
        doing: `Starting a drill of plan ${ctx.input.planId} for ${ctx.input.entityRef}`,
      });

      const executionUrl = `${options.appBaseUrl}/catalog/${encodeURIComponent(
        entity.namespace,
      )}/${encodeURIComponent(entity.kind)}/${encodeURIComponent(
        entity.name,
      )}/dr-executions/${encodeURIComponent(execution.executionId)}`;
      ctx.logger.info(
        `Started drill ${execution.executionId} of plan "${execution.planName}" (status ${execution.status}); follow it at ${executionUrl}`,
      );
      ctx.output('executionId', execution.executionId);
      ctx.output('executionUrl', executionUrl);
      ctx.output('status', execution.status);
    },
  });
}
