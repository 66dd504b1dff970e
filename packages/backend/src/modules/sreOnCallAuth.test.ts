import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { sreOnCallAuthModule } from './sreOnCallAuth';

const sreOnCall = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'sre-on-call', namespace: 'default' },
  spec: { memberOf: ['platform-sre'] },
  relations: [{ type: 'memberOf', targetRef: 'group:default/platform-sre' }],
};

async function refresh(environment: string | undefined) {
  const { server } = await startTestBackend({
    features: [
      authPlugin,
      sreOnCallAuthModule,
      catalogServiceMock.factory({ entities: [sreOnCall] }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          auth: {
            ...(environment && { environment }),
            providers: {
              'sre-on-call': { userEntityRef: 'user:default/sre-on-call' },
            },
          },
        },
      }),
    ],
  });
  const response = await fetch(
    `http://localhost:${server.port()}/api/auth/sre-on-call/refresh`,
    { headers: { 'X-Requested-With': 'XMLHttpRequest' } },
  );
  return { status: response.status, body: await response.json() };
}

describe('the SRE on call demo sign-in', () => {
  it('signs in as the catalog user, with its recovery group, in development', async () => {
    const response = await refresh('development');
    expect(response.status).toBe(200);
    expect(response.body.backstageIdentity.identity).toEqual({
      type: 'user',
      userEntityRef: 'user:default/sre-on-call',
      ownershipEntityRefs: [
        'user:default/sre-on-call',
        'group:default/platform-sre',
      ],
    });
  });

  // unset included: Backstage's own providers read an unset auth.environment as development
  it.each(['production', undefined])(
    'refuses to sign anyone in when auth.environment is %s',
    async environment => {
      const response = await refresh(environment);
      expect(response.status).toBe(403);
      expect(response.body.error).toMatchObject({
        name: 'NotAllowedError',
        message: expect.stringContaining(
          "refused unless auth.environment is 'development'",
        ),
      });
      expect(response.body.backstageIdentity).toBeUndefined();
    },
  );
});
