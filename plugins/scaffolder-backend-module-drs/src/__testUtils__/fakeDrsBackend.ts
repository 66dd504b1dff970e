import { createServer, IncomingHttpHeaders, IncomingMessage } from 'http';
import { AddressInfo } from 'net';
import {
  DiscoveryService,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';

export interface DrsBackendRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
  /** Who the request authenticated as (the user the token was issued on behalf of). */
  caller: string;
}

export interface DrsBackendAnswer {
  status: number;
  body: unknown;
}

/** Backstage's error body, as the backend's error handler writes it. */
export function errorAnswer(
  status: number,
  name: string,
  message: string,
): DrsBackendAnswer {
  return {
    status,
    body: { error: { name, message }, response: { statusCode: status } },
  };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}

/**
 * A stand-in for the drs backend plugin on 127.0.0.1: it authenticates every request the way
 * the plugin's router does (httpAuth for plugin "drs", users and services only), records it,
 * and answers what the test says.
 */
export async function startFakeDrsBackend(
  answer: (request: DrsBackendRequest) => DrsBackendAnswer,
) {
  const httpAuth = mockServices.httpAuth({
    pluginId: 'drs',
    defaultCredentials: mockCredentials.none(),
  });
  const requests: DrsBackendRequest[] = [];
  const server = createServer(async (req, res) => {
    let reply: DrsBackendAnswer;
    try {
      const credentials = await httpAuth.credentials(
        req as unknown as Parameters<HttpAuthService['credentials']>[0],
        { allow: ['user', 'service'] },
      );
      const principal = credentials.principal as {
        userEntityRef?: string;
        subject?: string;
      };
      const request: DrsBackendRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: await readJson(req),
        caller: principal.userEntityRef ?? principal.subject ?? 'unknown',
      };
      requests.push(request);
      reply = answer(request);
    } catch (error) {
      reply = errorAnswer(401, 'AuthenticationError', (error as Error).message);
    }
    res.writeHead(reply.status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(reply.body));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${
    (server.address() as AddressInfo).port
  }/api/drs`;
  const discovery: DiscoveryService = {
    async getBaseUrl(pluginId) {
      if (pluginId !== 'drs') throw new Error(`Unexpected plugin ${pluginId}`);
      return baseUrl;
    },
    async getExternalBaseUrl() {
      throw new Error('Actions must call the backend internally');
    },
  };
  return {
    requests,
    discovery,
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}
