import { createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createDrsActions } from './actions';

/** Scaffolder actions of the DRS orchestration: deploy the AWS stack, create plans, start drills. */
export const scaffolderModuleDrs = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'drs',
  register(reg) {
    reg.registerInit({
      deps: { scaffolder: scaffolderActionsExtensionPoint },
      async init({ scaffolder }) {
        scaffolder.addActions(...createDrsActions());
      },
    });
  },
});
