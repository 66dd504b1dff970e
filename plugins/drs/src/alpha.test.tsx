import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { DrsApi, drsApiRef } from './api';
import {
  executionFixture,
  healthFixture,
  summaryOf,
} from './__testUtils__/fixtures';
import { drsEntity } from './__testUtils__/render';
import drsPlugin from './alpha';

const api: Partial<DrsApi> = {
  listExecutions: async () => ({ items: [summaryOf(executionFixture())] }),
  getDrHealth: async () => healthFixture(),
  listDrHealth: async () => [
    { ...healthFixture(), title: 'Checkout', owner: 'group:default/team' },
  ],
};
const apis = [[drsApiRef, api]] as const;

describe('drs plugin for the new frontend system', () => {
  it('offers the API, both entity tabs, the health card and the ops page', () => {
    for (const id of [
      'api:drs',
      'entity-content:drs/plans',
      'entity-content:drs/executions',
      'entity-card:drs/health',
      'page:drs',
    ] as const) {
      // throws for an extension the plugin does not have
      expect(drsPlugin.getExtension(id)).toBeDefined();
    }
  });

  it('adds the DR Executions tab to entities with DRS annotations only', async () => {
    const tester = createExtensionTester(
      drsPlugin.getExtension('entity-content:drs/executions'),
      { apis },
    );
    expect(tester.get(coreExtensionData.routePath)).toBe('/dr-executions');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'DR Executions',
    );
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction);
    expect(filter?.(drsEntity(true))).toBe(true);
    expect(filter?.(drsEntity(false))).toBe(false);

    renderInTestApp(
      <EntityProvider entity={drsEntity()}>
        {tester.reactElement()}
      </EntityProvider>,
      {
        apis,
        // the history links who started each execution to their catalog page
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(await screen.findByText('Checkout full stack')).toBeInTheDocument();
  });

  it('shows the health card on entities with DRS annotations only', async () => {
    const tester = createExtensionTester(
      drsPlugin.getExtension('entity-card:drs/health'),
      { apis },
    );
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction);
    expect(filter?.(drsEntity(false))).toBe(false);
    renderInTestApp(
      <EntityProvider entity={drsEntity()}>
        {tester.reactElement()}
      </EntityProvider>,
      {
        apis,
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(await screen.findByText('Could NOT launch now')).toBeInTheDocument();
  });

  it('serves the ops page at /drs, titled for the sidebar', async () => {
    const tester = createExtensionTester(drsPlugin.getExtension('page:drs'), {
      apis,
    });
    expect(tester.get(coreExtensionData.routePath)).toBe('/drs');
    expect(tester.get(coreExtensionData.title)).toBe('Disaster recovery');
    renderInTestApp(tester.reactElement(), {
      apis,
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    expect(
      await screen.findByText(
        /1 of 1 services could NOT launch a recovery now/,
      ),
    ).toBeInTheDocument();
  });
});
