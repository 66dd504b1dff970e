import { ReactElement, ReactNode } from 'react';
import { ApiRef } from '@backstage/core-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import type { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { signalApiRef, SignalApi } from '@backstage/plugin-signals-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { act, renderHook, RenderResult, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { DrsApi, drsApiRef } from '../api';

/** A SignalApi whose messages a test sends. */
export function fakeSignals() {
  const subscribers = new Map<string, Set<(message: any) => void>>();
  const api: SignalApi = {
    subscribe(channel, onMessage) {
      const set = subscribers.get(channel) ?? new Set();
      set.add(onMessage);
      subscribers.set(channel, set);
      return { unsubscribe: () => set.delete(onMessage) };
    },
  };
  return {
    api,
    channels: () =>
      [...subscribers].filter(([, s]) => s.size > 0).map(([c]) => c),
    send(channel: string, message: object) {
      act(() => subscribers.get(channel)?.forEach(fn => fn(message)));
    },
  };
}

/** A permission API that denies the named DRS permissions and allows the rest. */
export function permissionsDenying(...denied: string[]) {
  const api = mockApis.permission({
    authorize: request =>
      denied.includes(request.permission.name)
        ? ('DENY' as AuthorizeResult.DENY)
        : ('ALLOW' as AuthorizeResult.ALLOW),
  });
  jest.spyOn(api, 'authorize');
  return api;
}

/** Waits until every permission the view asked about is answered, so hidden means denied. */
export async function permissionsAnswered(
  api: ReturnType<typeof permissionsDenying>,
  count: number,
) {
  await waitFor(() => expect(api.authorize).toHaveBeenCalledTimes(count));
  await act(async () => {});
}

let entityCount = 0;

/**
 * A service with DRS annotations. Each gets its own name: usePermission caches answers per
 * entity across renders, so a permission test never sees another test's answer.
 */
export function drsEntity(annotated = true): Entity {
  entityCount += 1;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: `checkout-${entityCount}`,
      annotations: annotated
        ? { 'aws.amazon.com/drs-source-server-tags': 'Application=checkout' }
        : {},
    },
    spec: { type: 'service', owner: 'team-checkout' },
  };
}

/**
 * Renders an entity view as the entity page would: the DRS API, permissions and signals
 * as given, and the view mounted under `mountPath` (e.g. `/dr-executions/*`).
 */
export async function renderEntityView(
  element: ReactElement,
  options: {
    api: Partial<DrsApi>;
    entity?: Entity;
    permissions?: ReturnType<typeof mockApis.permission>;
    signals?: SignalApi;
    mountPath?: string;
    route?: string;
  },
): Promise<RenderResult & { entity: Entity; entityRef: string }> {
  const entity = options.entity ?? drsEntity();
  // without a SignalApi, signals are unavailable, as in an app without the signals plugin
  const apis: [ApiRef<object>, object][] = [
    [drsApiRef, options.api],
    [permissionApiRef, options.permissions ?? permissionsDenying()],
    ...(options.signals
      ? [[signalApiRef, options.signals] as [ApiRef<object>, object]]
      : []),
  ];
  const rendered = await renderInTestApp(
    <TestApiProvider apis={apis}>
      <EntityProvider entity={entity}>
        <Routes>
          <Route path={options.mountPath ?? '/*'} element={element} />
        </Routes>
      </EntityProvider>
    </TestApiProvider>,
    {
      routeEntries: [options.route ?? '/'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
  return { ...rendered, entity, entityRef: stringifyEntityRef(entity) };
}

/** Renders a hook that reaches the DRS API through useApi, with the API as given. */
export function renderHookWithDrsApi<Result>(
  hook: () => Result,
  api: Partial<DrsApi>,
) {
  return renderHook(hook, {
    wrapper: ({ children }: { children: ReactNode }) => (
      <TestApiProvider apis={[[drsApiRef, api]]}>{children}</TestApiProvider>
    ),
  });
}
