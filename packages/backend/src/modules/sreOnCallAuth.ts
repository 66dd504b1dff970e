import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';

const SRE_ON_CALL_PROVIDER_ID = 'sre-on-call';

/**
 * Demo only: a sign-in without credentials as the on-call SRE, a member of the recovery group,
 * so that `npm start` and the browser tests can start a real recovery. Whoever reaches the
 * backend gets that identity, so it refuses to sign anyone in unless `auth.environment` is
 * `development`. It signs in as `auth.providers.sre-on-call.userEntityRef`, a catalog user:
 * the recovery group membership comes from the catalog, as a real sign-in's would.
 */
export const sreOnCallAuthModule = createBackendModule({
  pluginId: 'auth',
  moduleId: 'sre-on-call-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ providers, config }) {
        const development =
          config.getOptionalString('auth.environment') === 'development';
        providers.registerProvider({
          providerId: SRE_ON_CALL_PROVIDER_ID,
          factory: createProxyAuthProviderFactory({
            authenticator: createProxyAuthenticator({
              defaultProfileTransform: async () => ({ profile: {} }),
              initialize: ({ config: providerConfig }) =>
                providerConfig.getString('userEntityRef'),
              async authenticate(_, userEntityRef) {
                if (!development) {
                  throw new NotAllowedError(
                    `The ${SRE_ON_CALL_PROVIDER_ID} sign-in is for local demos: it is refused unless auth.environment is 'development'`,
                  );
                }
                return { result: { userEntityRef } };
              },
            }),
            signInResolver: async ({ result }, ctx) =>
              ctx.signInWithCatalogUser({ entityRef: result.userEntityRef }),
          }),
        });
      },
    });
  },
});
