import { createSpecializedBackend } from '@backstage/backend-app-api';
import { lifecycleServiceFactory } from '@backstage/backend-defaults/lifecycle';
import { loggerServiceFactory } from '@backstage/backend-defaults/logger';
import { rootLifecycleServiceFactory } from '@backstage/backend-defaults/rootLifecycle';
import {
  BackendFeature,
  coreServices,
  createServiceFactory,
  PermissionsRegistryService,
  ServiceFactory,
  ServiceRef,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { lineLogger } from '@drs-orchestration/drs-testkit';

/** A service this backend does not serve but for `present`: using the rest fails, naming it. */
function absent<T>(name: string, present: Partial<T> = {}): T {
  return new Proxy(present, {
    get(target, key) {
      if (key in target) return target[key as keyof T];
      // Awaiting a factory's result looks for `then`; symbols are introspection.
      if (key === 'then' || typeof key === 'symbol') return undefined;
      throw new Error(`${name}.${key} is not served by an engine replica`);
    },
  }) as T;
}

const given = <T>(service: ServiceRef<T, any>, implementation: T) =>
  createServiceFactory({ service, deps: {}, factory: () => implementation });

/**
 * A Backstage backend for one engine replica: the backend system with the given features and
 * only the services a plugin's start-up and its scheduled tasks use. It serves no HTTP: a
 * plugin's routes are registered with nothing, and what only requests use (HTTP auth,
 * permissions, the auditor, the catalog, the credentials of a scheduled drill) is absent. Signals and notifications go nowhere.
 * Far quicker to start than the test backend, whose mocks load most of Backstage: engine
 * replicas are restarted every few seconds.
 */
export async function startReplicaBackend(options: {
  features: (BackendFeature | ServiceFactory)[];
  config: JsonObject;
}) {
  const backend = createSpecializedBackend({
    defaultServiceFactories: [
      given(coreServices.rootConfig, new ConfigReader(options.config)),
      given(coreServices.rootLogger, lineLogger('info')),
      loggerServiceFactory,
      rootLifecycleServiceFactory,
      lifecycleServiceFactory,
      given(coreServices.httpRouter, { use() {}, addAuthPolicy() {} }),
      given(
        coreServices.permissionsRegistry,
        absent<PermissionsRegistryService>('permissionsRegistry', {
          addPermissions() {},
        }),
      ),
      given(coreServices.httpAuth, absent('httpAuth')),
      // Only a due scheduled drill asks for the plugin's own credentials; chaos plans have none.
      given(coreServices.auth, absent('auth')),
      given(coreServices.permissions, absent('permissions')),
      given(coreServices.auditor, absent('auditor')),
      given(catalogServiceRef, absent('catalog')),
      given(signalsServiceRef, { async publish() {} }),
      given(notificationService, { async send() {} }),
    ],
  });
  for (const feature of options.features) backend.add(feature);
  await backend.start();
  return backend;
}
