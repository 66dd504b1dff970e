import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isDrsAvailable } from '@internal/plugin-drs-common';
import { DrsClient, drsApiRef } from './api';

const drsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: drsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DrsClient({ discoveryApi, fetchApi }),
    }),
});

const drsPlansEntityContent = EntityContentBlueprint.make({
  name: 'plans',
  params: {
    path: '/dr-plans',
    title: 'DR Plans',
    filter: isDrsAvailable,
    loader: () =>
      import('./components/DrsPlansContent/DrsPlansContent').then(m => (
        <m.DrsPlansContent />
      )),
  },
});

const drsExecutionsEntityContent = EntityContentBlueprint.make({
  name: 'executions',
  params: {
    path: '/dr-executions',
    title: 'DR Executions',
    filter: isDrsAvailable,
    loader: () =>
      import('./components/DrsExecutionsContent/DrsExecutionsContent').then(
        m => <m.DrsExecutionsContent />,
      ),
  },
});

/** The DRS orchestration plugin for Backstage's new frontend system. */
export default createFrontendPlugin({
  pluginId: 'drs',
  extensions: [drsApi, drsPlansEntityContent, drsExecutionsEntityContent],
});
