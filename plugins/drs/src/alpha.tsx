/**
 * The DRS orchestration plugin for Backstage's new frontend system: the DR Plans and DR
 * Executions entity tabs, the DR health card, and the ops page.
 *
 * @packageDocumentation
 */
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { isDrsAvailable } from '@drs-orchestration/plugin-drs-common';
import SettingsBackupRestoreIcon from '@material-ui/icons/SettingsBackupRestore';
import { DrsClient, drsApiRef } from './api';
import {
  DR_EXECUTIONS_TAB_PATH,
  DR_PLANS_TAB_PATH,
  rootRouteRef,
} from './routes';

const overviewRouteRef = convertLegacyRouteRef(rootRouteRef);

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
    path: `/${DR_PLANS_TAB_PATH}`,
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
    path: `/${DR_EXECUTIONS_TAB_PATH}`,
    title: 'DR Executions',
    filter: isDrsAvailable,
    loader: () =>
      import('./components/DrsExecutionsContent/DrsExecutionsContent').then(
        m => <m.DrsExecutionsContent />,
      ),
  },
});

const drsHealthEntityCard = EntityCardBlueprint.make({
  name: 'health',
  params: {
    filter: isDrsAvailable,
    loader: () =>
      import('./components/DrsHealthCard/DrsHealthCard').then(m => (
        <m.DrsHealthCard />
      )),
  },
});

const drsOverviewPage = PageBlueprint.make({
  params: {
    path: '/drs',
    title: 'Disaster recovery',
    icon: <SettingsBackupRestoreIcon />,
    routeRef: overviewRouteRef,
    loader: () =>
      import('./components/DrsOverviewPage/DrsOverviewPage').then(m => (
        <m.DrsOverviewContent />
      )),
  },
});

/**
 * The DRS orchestration plugin for Backstage's new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'drs',
  title: 'Disaster recovery',
  icon: <SettingsBackupRestoreIcon />,
  routes: { root: overviewRouteRef },
  extensions: [
    drsApi,
    drsPlansEntityContent,
    drsExecutionsEntityContent,
    drsHealthEntityCard,
    drsOverviewPage,
  ],
});
