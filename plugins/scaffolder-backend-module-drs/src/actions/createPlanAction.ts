import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  formatIssuePath,
  RecoveryPlan,
  recoveryPlanInputSchema,
} from '@drs-orchestration/plugin-drs-common';
import { DrsBackendClient } from './drsBackendClient';
import { entityPath, parseEntityRefInput } from './entityRef';

const ACTION_ID = 'drs:plan:create';

const examples = [
  {
    description: 'Register a three-wave plan for the checkout service',
    example: `steps:
  - id: plan
    action: drs:plan:create
    name: Register the DR plan
    input:
      entityRef: component:default/checkout
      name: Checkout full stack
      description: Database first, then application, then web
      waves:
        - name: db
          sourceServerIds: [s-1234567890abcdef0]
        - name: app
          sourceServerIds: [s-1234567890abcdef1, s-1234567890abcdef2]
          waitFor: HEALTHY
        - name: web
          sourceServerIds: [s-1234567890abcdef3]
          pauseBefore: true`,
  },
];

/** Validates with drs-common's plan schema, the one the backend applies, for the same messages. */
function parsePlan(plan: unknown) {
  const result = recoveryPlanInputSchema.safeParse(plan);
  if (!result.success) {
    const problems = result.error.issues
      .map(
        issue => `${formatIssuePath(issue.path) || 'plan'}: ${issue.message}`,
      )
      .join('; ');
    throw new InputError(`Invalid input to ${ACTION_ID}: ${problems}`);
  }
  return result.data;
}

export function createPlanAction(options: { drsBackend: DrsBackendClient }) {
  return createTemplateAction({
    id: ACTION_ID,
    description:
      "Creates a recovery plan (ordered waves of DRS source servers) for a catalog entity through the DRS backend's API.",
    examples,
    schema: {
      input: {
        entityRef: z =>
          z
            .string()
            .describe(
              'The entity that owns the plan, e.g. component:default/checkout',
            ),
        name: z =>
          z
            .string()
            .describe(
              'Name of the plan, unique per entity; at most 100 characters',
            ),
        description: z =>
          z.string().optional().describe('What the plan recovers and why'),
        defaultMode: z =>
          z
            .enum(['DRILL', 'RECOVERY'])
            .optional()
            .describe(
              'Mode the UI proposes when the plan is started (default DRILL)',
            ),
        timeoutMinutes: z =>
          z
            .number()
            .int()
            .optional()
            .describe(
              'Minutes after which an execution is marked TIMED_OUT (default 360)',
            ),
        waves: z =>
          z
            .array(
              z.object({
                name: z
                  .string()
                  .describe('Name of the wave, unique in the plan'),
                sourceServerIds: z
                  .array(z.string())
                  .describe(
                    'DRS source server IDs launched together (s- and 17 letters or digits)',
                  ),
                waitFor: z
                  .enum(['LAUNCHED', 'HEALTHY'])
                  .optional()
                  .describe(
                    'What the wave must reach before the next starts (default LAUNCHED)',
                  ),
                pauseBefore: z
                  .boolean()
                  .optional()
                  .describe(
                    'Pause before this wave until someone resumes the execution',
                  ),
                dependsOn: z
                  .array(z.string())
                  .optional()
                  .describe(
                    'Waves that must complete first (default: the wave before)',
                  ),
              }),
            )
            .describe('The waves, launched in order'),
      },
      output: {
        planId: z => z.string().describe('ID of the new plan'),
      },
    },
    async handler(ctx) {
      const { entityRef, ...planInput } = ctx.input;
      const entity = parseEntityRefInput(ACTION_ID, entityRef);
      const plan = parsePlan(planInput);

      const created = await options.drsBackend.post<RecoveryPlan>({
        path: `${entityPath(entity)}/plans`,
        body: plan,
        credentials: await ctx.getInitiatorCredentials(),
        doing: `Creating recovery plan "${plan.name}" for ${entityRef}`,
      });
      ctx.logger.info(
        `Created recovery plan "${created.name}" (${created.planId}) with ${created.waves.length} wave(s) for ${created.entityRef}`,
      );
      ctx.output('planId', created.planId);
    },
  });
}
