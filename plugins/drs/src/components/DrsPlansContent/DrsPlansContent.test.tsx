import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { RecoveryPlan } from '@internal/plugin-drs-common';
import { fireEvent, screen } from '@testing-library/react';
import { DrsApi, drsApiRef } from '../../api';
import { DrsPlansContent } from './DrsPlansContent';

const checkout: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout',
    annotations: {
      'aws.amazon.com/drs-source-server-tags': 'Application=checkout',
    },
  },
  spec: { type: 'service', owner: 'team-checkout' },
};

const plan: RecoveryPlan = {
  planId: '1b4e28ba-2fa1-11d2-883f-0016d3cca427',
  entityRef: 'component:default/checkout',
  name: 'Checkout full stack',
  description: 'db, then app',
  defaultMode: 'DRILL',
  timeoutMinutes: 360,
  waves: [
    {
      name: 'db',
      sourceServerIds: ['s-0000000000000000a'],
      waitFor: 'LAUNCHED',
      pauseBefore: false,
      dependsOn: [],
    },
    {
      name: 'app',
      sourceServerIds: ['s-0000000000000000b', 's-0000000000000000c'],
      waitFor: 'HEALTHY',
      pauseBefore: false,
      dependsOn: [],
    },
  ],
  createdAt: '2026-11-25T10:00:00.000Z',
  createdBy: 'user:default/alice',
  updatedAt: '2026-11-25T10:00:00.000Z',
  updatedBy: 'user:default/alice',
  version: 1,
};

function fakeApi(overrides: Partial<DrsApi>): DrsApi {
  return {
    listPlans: async () => [plan],
    getSourceServers: async () => ({
      region: 'us-east-1',
      items: [
        {
          sourceServerId: 's-0000000000000000a',
          hostname: 'checkout-db-1',
          replicationState: 'CONTINUOUS',
          lagSeconds: 200,
          tags: { Application: 'checkout', Tier: 'db' },
        },
        {
          sourceServerId: 's-0000000000000000b',
          hostname: 'checkout-app-1',
          replicationState: 'STALLED',
          lagSeconds: 5400,
          tags: { Application: 'checkout', Tier: 'app' },
        },
      ],
    }),
    ...overrides,
  } as DrsApi;
}

async function renderPlans(api: DrsApi, entity: Entity = checkout) {
  return renderInTestApp(
    <TestApiProvider apis={[[drsApiRef, api]]}>
      <EntityProvider entity={entity}>
        <DrsPlansContent />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('DrsPlansContent', () => {
  it("shows the entity's plans and its source servers with replication state and lag", async () => {
    await renderPlans(fakeApi({}));
    expect(await screen.findByText('Checkout full stack')).toBeInTheDocument();
    expect(await screen.findByText('checkout-db-1')).toBeInTheDocument();
    expect(
      screen.getByText('DRS source servers (us-east-1)'),
    ).toBeInTheDocument();
    expect(screen.getByText('STALLED')).toBeInTheDocument();
    expect(screen.getByText('3m 20s')).toBeInTheDocument();
    expect(screen.getByText('1h 30m')).toBeInTheDocument();
    // 1 + 2 servers across the two waves
    expect(screen.getByText('3')).toBeInTheDocument();
  });

  it('explains the missing annotation instead of calling the backend', async () => {
    const listPlans = jest.fn();
    await renderPlans(fakeApi({ listPlans }), {
      ...checkout,
      metadata: { name: 'docs' },
    });
    expect(await screen.findByText(/Missing Annotation/i)).toBeInTheDocument();
    expect(
      screen.getAllByText(/aws.amazon.com\/drs-source-server-tags/).length,
    ).toBeGreaterThan(0);
    expect(listPlans).not.toHaveBeenCalled();
  });

  it("shows the backend's message and recovers on retry", async () => {
    const listPlans = jest
      .fn()
      .mockRejectedValueOnce(
        await ResponseError.fromResponse(
          new Response(
            JSON.stringify({
              error: {
                name: 'InputError',
                message: 'Table drs-plans is missing',
              },
            }),
            {
              status: 400,
              statusText: 'Bad Request',
              headers: { 'Content-Type': 'application/json' },
            },
          ) as any,
        ),
      )
      .mockResolvedValueOnce([plan]);
    await renderPlans(fakeApi({ listPlans }));
    expect(
      await screen.findByText(/Table drs-plans is missing/),
    ).toBeInTheDocument();
    fireEvent.click(screen.getAllByRole('button', { name: 'Retry' })[0]);
    expect(await screen.findByText('Checkout full stack')).toBeInTheDocument();
    expect(listPlans).toHaveBeenCalledTimes(2);
  });
});
