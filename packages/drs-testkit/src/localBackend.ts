import {
  BackendFeature,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  SignalsService,
  signalsServiceRef,
} from '@backstage/plugin-signals-node';
import { JsonObject } from '@backstage/types';
import { lineLogger, LogLevel } from './logger';

export interface LocalBackendOptions {
  /** The plugins to run, and service factories that replace defaults (a scheduler, a plugin's services). */
  features: BackendFeature[];
  config: JsonObject;
  /** What the catalog holds. Default: nothing. */
  entities?: Entity[];
  /** Where signals go. Default: nowhere. */
  signals?: SignalsService;
  /** What the backend logs, a line each, to standard error. Default: nothing. */
  logLevel?: LogLevel;
}

/** What an API answered. */
export interface ApiAnswer<T> {
  status: number;
  body: T;
}

/** Requests to a plugin's routes as one user, over HTTP on loopback. */
export interface LocalApi {
  /** Sends the request and reads the answer (JSON, or text), whatever its status. */
  request<T = any>(
    method: string,
    path: string,
    options?: { body?: object; headers?: Record<string, string> },
  ): Promise<ApiAnswer<T>>;
  /** The answer's body; fails naming the status unless it is 2xx. */
  json<T>(method: string, path: string, body?: object): Promise<T>;
}

export interface LocalBackend {
  port: number;
  /** Requests to `/api/<pluginId>` as `user` (an entity ref; default user:default/mock). */
  api(pluginId: string, user?: string): LocalApi;
  stop(): Promise<void>;
}

function localApi(authorization: string, baseUrl: string): LocalApi {
  async function request<T>(
    method: string,
    path: string,
    options: { body?: object; headers?: Record<string, string> } = {},
  ): Promise<ApiAnswer<T>> {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization,
        ...(options.body ? { 'content-type': 'application/json' } : {}),
        ...options.headers,
      },
      body: options.body && JSON.stringify(options.body),
    });
    const text = await response.text();
    const json = response.headers
      .get('content-type')
      ?.startsWith('application/json');
    return { status: response.status, body: json ? JSON.parse(text) : text };
  }
  return {
    request,
    async json<T>(method: string, path: string, body?: object) {
      const answer = await request<T>(method, path, { body });
      if (answer.status < 200 || answer.status > 299) {
        throw new Error(
          `${method} ${path} answered ${answer.status}: ${JSON.stringify(
            answer.body,
          )}`,
        );
      }
      return answer.body;
    },
  };
}

/**
 * Backstage's test backend (`startTestBackend`, which runs outside Jest too) for tools and
 * tests: the given catalog, every permission allowed, signals given or dropped, notifications
 * dropped, and the rest Backstage's mocks unless `features` replaces them.
 */
export async function startLocalBackend(
  options: LocalBackendOptions,
): Promise<LocalBackend> {
  const signals: SignalsService = options.signals ?? {
    async publish() {},
  };
  const backend = await startTestBackend({
    features: [
      ...options.features,
      mockServices.rootConfig.factory({ data: options.config }),
      createServiceFactory({
        service: coreServices.rootLogger,
        deps: {},
        factory: () => lineLogger(options.logLevel ?? 'none'),
      }),
      catalogServiceMock.factory({ entities: options.entities ?? [] }),
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      createServiceFactory({
        service: signalsServiceRef,
        deps: {},
        factory: () => signals,
      }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ async send() {} }),
      }),
    ],
  });
  const port = backend.server.port();
  return {
    port,
    api: (pluginId, user) =>
      localApi(
        mockCredentials.user.header(user),
        `http://127.0.0.1:${port}/api/${pluginId}`,
      ),
    stop: () => backend.stop(),
  };
}
