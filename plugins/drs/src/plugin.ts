import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { DrsClient, drsApiRef } from './api';
import { rootRouteRef } from './routes';

/** The DRS orchestration plugin for Backstage's legacy frontend system. */
export const drsPlugin = createPlugin({
  id: 'drs',
  apis: [
    createApiFactory({
      api: drsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DrsClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: rootRouteRef },
});

/** The DR Plans tab: recovery plans and the entity's DRS source servers. */
export const EntityDrsPlansContent = drsPlugin.provide(
  createComponentExtension({
    name: 'EntityDrsPlansContent',
    component: {
      lazy: () =>
        import('./components/DrsPlansContent/DrsPlansContent').then(
          m => m.DrsPlansContent,
        ),
    },
  }),
);

/** The DR Executions tab: drills and recoveries of the entity, newest first. */
export const EntityDrsExecutionsContent = drsPlugin.provide(
  createComponentExtension({
    name: 'EntityDrsExecutionsContent',
    component: {
      lazy: () =>
        import('./components/DrsExecutionsContent/DrsExecutionsContent').then(
          m => m.DrsExecutionsContent,
        ),
    },
  }),
);
