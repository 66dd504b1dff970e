import { readFileSync } from 'fs';
import { resolve } from 'path';
import { mockServices } from '@backstage/backend-test-utils';
import { entitySchemaValidator } from '@backstage/catalog-model';
import { recoveryPlanInputSchema } from '@drs-orchestration/plugin-drs-common';
import { parse } from 'yaml';
import { createDrsActions } from './actions';

/** The repository's example Software Templates, which the dev app's catalog loads. */
const TEMPLATES_DIR = resolve(__dirname, '../../../examples/templates');

interface TemplateEntity {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec: {
    type: string;
    owner: string;
    parameters: Array<{ required?: string[]; properties: Record<string, any> }>;
    steps: Array<{
      id: string;
      action: string;
      input: Record<string, unknown>;
    }>;
  };
}

const actions = createDrsActions({
  config: mockServices.rootConfig({
    data: { app: { baseUrl: 'http://localhost:3000' } },
  }),
  discovery: mockServices.discovery(),
  auth: mockServices.auth(),
});

function loadTemplate(file: string): TemplateEntity {
  return parse(readFileSync(resolve(TEMPLATES_DIR, file), 'utf8'));
}

/** `${{ parameters.x }}` and `${{ steps.y.output.z }}` references in a step's input. */
function references(value: unknown): string[] {
  return [...JSON.stringify(value).matchAll(/\$\{\{\s*([\w.]+)\s*\}\}/g)].map(
    m => m[1],
  );
}

describe.each(['deploy-drs-stack.yaml', 'register-dr-plan.yaml'])(
  'the example template %s',
  file => {
    const template = loadTemplate(file);
    const parameters = Object.assign(
      {},
      ...template.spec.parameters.map(p => p.properties),
    );

    it('is a valid Template entity owned by the platform SRE team', () => {
      expect(() => entitySchemaValidator()(template)).not.toThrow();
      expect(template).toMatchObject({
        apiVersion: 'scaffolder.backstage.io/v1beta3',
        kind: 'Template',
        spec: { owner: 'group:default/platform-sre', type: expect.any(String) },
      });
    });

    it('feeds each DRS action exactly the inputs it declares, every required one included', () => {
      for (const step of template.spec.steps) {
        const action = actions.find(a => a.id === step.action);
        const inputSchema = action?.schema?.input as
          | { properties: Record<string, unknown>; required?: string[] }
          | undefined;
        expect(inputSchema).toBeDefined();
        expect(
          Object.keys(step.input).filter(k => !inputSchema!.properties[k]),
        ).toEqual([]);
        expect(
          (inputSchema!.required ?? []).filter(k => !(k in step.input)),
        ).toEqual([]);
      }
    });

    it('refers only to form fields that exist and to outputs of earlier steps', () => {
      const exists = (ref: string, stepIndex: number) => {
        const [scope, name, , output] = ref.split('.');
        if (scope === 'parameters') return name in parameters;
        const earlier = template.spec.steps
          .slice(0, stepIndex)
          .find(s => s.id === name);
        const outputs = actions.find(a => a.id === earlier?.action)?.schema
          ?.output as { properties: Record<string, unknown> } | undefined;
        return Boolean(outputs?.properties[output]);
      };
      const dangling = template.spec.steps.flatMap((step, index) =>
        references(step.input).filter(ref => !exists(ref, index)),
      );

      expect(dangling).toEqual([]);
    });
  },
);

describe('the register-dr-plan form', () => {
  const template = loadTemplate('register-dr-plan.yaml');
  const [service, plan] = template.spec.parameters;

  it('picks components from the catalog', () => {
    expect(service.properties.entityRef).toMatchObject({
      'ui:field': 'EntityPicker',
      'ui:options': { catalogFilter: [{ kind: 'Component' }] },
    });
  });

  it('produces waves the plan schema accepts', () => {
    const wave = plan.properties.waves.items.properties;
    const formValue = {
      name: 'Checkout',
      timeoutMinutes: plan.properties.timeoutMinutes.default,
      waves: [
        {
          name: 'db',
          sourceServerIds: ['s-1234567890abcdef0'],
          waitFor: wave.waitFor.default,
          pauseBefore: wave.pauseBefore.default,
        },
      ],
    };

    expect(recoveryPlanInputSchema.safeParse(formValue).success).toBe(true);
    expect(Object.keys(wave).sort()).toEqual([
      'name',
      'pauseBefore',
      'sourceServerIds',
      'waitFor',
    ]);
  });
});
