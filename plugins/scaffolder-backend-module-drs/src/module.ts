import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createDrsActions } from './actions';

/**
 * Scaffolder actions of the DRS orchestration: deploy the AWS stack, create plans, start drills.
 *
 * @public
 */
export const scaffolderModuleDrs = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'drs',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        logger: coreServices.logger,
      },
      async init({ scaffolder, config, discovery, auth, logger }) {
        const actions = createDrsActions({ config, discovery, auth });
        scaffolder.addActions(...actions);
        logger.info(
          `DRS scaffolder actions: ${actions.map(a => a.id).join(', ')}`,
        );
      },
    });
  },
});
