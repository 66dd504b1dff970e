import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { DrsClient, drsApiRef } from './api';
import { rootRouteRef } from './routes';

/**
 * The DRS orchestration plugin for Backstage's legacy frontend system.
 *
 * @public
 */
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

/**
 * The DR Plans tab: recovery plans, the wave editor and Start; mount it at `dr-plans`.
 *
 * @public
 */
export const EntityDrsPlansContent: () => JSX.Element = drsPlugin.provide(
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

/**
 * The DR Executions tab: history and live details; mount it at `dr-executions`.
 *
 * @public
 */
export const EntityDrsExecutionsContent: () => JSX.Element = drsPlugin.provide(
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

/**
 * The DR health card for the entity overview page.
 *
 * @public
 */
export const EntityDrsHealthCard: () => JSX.Element = drsPlugin.provide(
  createComponentExtension({
    name: 'EntityDrsHealthCard',
    component: {
      lazy: () =>
        import('./components/DrsHealthCard/DrsHealthCard').then(
          m => m.DrsHealthCard,
        ),
    },
  }),
);

/**
 * The ops page: DR health of every entity with DRS annotations.
 *
 * @public
 */
export const DrsOverviewPage: () => JSX.Element = drsPlugin.provide(
  createRoutableExtension({
    name: 'DrsOverviewPage',
    mountPoint: rootRouteRef,
    component: () =>
      import('./components/DrsOverviewPage/DrsOverviewPage').then(
        m => m.DrsOverviewPage,
      ),
  }),
);
