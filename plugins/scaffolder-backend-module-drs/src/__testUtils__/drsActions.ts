import { DiscoveryService } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createDrsActions } from '../actions';
import { jsonCheckpoints } from './checkpoints';

export const APP_BASE_URL = 'http://backstage.example.com';
export const ALICE = 'user:default/alice';

/**
 * One of the module's actions, wired as the module wires it, talking to `discovery`. Typed
 * loosely, as the scaffolder calls it: tests also pass input the schema would refuse.
 */
export function drsAction(
  id: string,
  discovery: DiscoveryService,
): TemplateAction {
  const actions = createDrsActions({
    config: mockServices.rootConfig({
      data: { app: { baseUrl: APP_BASE_URL } },
    }),
    discovery,
    auth: mockServices.auth({ pluginId: 'scaffolder' }),
  });
  const action = actions.find(a => a.id === id);
  if (!action) throw new Error(`No action ${id}`);
  return action as unknown as TemplateAction;
}

type ActionInput = NonNullable<
  Parameters<typeof createMockActionContext>[0]
>['input'];

/** A task started by Alice; pass `checkpoint` to share checkpoints between runs of one task. */
export function aliceContext(
  input: ActionInput,
  checkpoint: ReturnType<typeof jsonCheckpoints> = jsonCheckpoints(),
) {
  return {
    ...createMockActionContext({ input, logger: mockServices.logger.mock() }),
    checkpoint,
    getInitiatorCredentials: async () => mockCredentials.user(ALICE),
  };
}
