import { createServer, IncomingMessage, Server, ServerResponse } from 'http';
import { AddressInfo } from 'net';
import { gunzipSync } from 'zlib';
import { handleAwsCall, HttpRequest, HttpResponse } from './api';
import { CONTROL_PREFIX, handleControlCall } from './control';
import { serviceFor } from './services';
import { Simulation } from './simulation';

/** Far above any request served (a DescribeJobs with 1000 IDs is ~30 KB). */
const MAX_BODY_BYTES = 5 * 1024 * 1024;

function readBody(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => {
      if (size > MAX_BODY_BYTES) {
        resolve(undefined);
        return;
      }
      // The SDK gzips a large PutMetricData body (the operation's request compression), as
      // CloudWatch accepts.
      const body = Buffer.concat(chunks);
      const gzipped = request.headers['content-encoding'] === 'gzip';
      let text: Buffer = body;
      try {
        if (gzipped) text = gunzipSync(body);
      } catch {
        // Not gzip after all: the service then refuses what it cannot read.
      }
      resolve(text.toString('utf8'));
    });
    request.on('error', reject);
  });
}

async function route(
  sim: Simulation,
  request: IncomingMessage,
): Promise<HttpResponse> {
  const body = await readBody(request);
  if (body === undefined) {
    return {
      status: 413,
      headers: {},
      body: { message: `Request body over ${MAX_BODY_BYTES} bytes` },
    };
  }
  const url = new URL(request.url ?? '/', 'http://simulator');
  const httpRequest: HttpRequest = {
    method: request.method ?? 'GET',
    path: url.pathname,
    query: url.searchParams,
    headers: request.headers,
    body,
  };
  return httpRequest.path.startsWith(CONTROL_PREFIX)
    ? handleControlCall(sim, httpRequest)
    : handleAwsCall(sim, serviceFor(httpRequest), httpRequest);
}

/** A string body (EC2's XML) is sent as it is; any other as JSON. */
function payloadOf(body: unknown): string {
  if (body === undefined) return '';
  return typeof body === 'string' ? body : JSON.stringify(body);
}

function send(response: ServerResponse, answer: HttpResponse) {
  const payload = payloadOf(answer.body);
  response.writeHead(answer.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
    ...answer.headers,
  });
  response.end(payload);
}

/** Serves DRS, SSM, EC2 and the control API on one port; no request can bring it down. */
export function listen(
  sim: Simulation,
  host: string,
  port: number,
): Promise<Server> {
  const server = createServer((request, response) => {
    route(sim, request)
      .catch(error => ({
        status: 500,
        headers: { 'x-amzn-errortype': 'InternalServerException' },
        body: { message: `Simulator error: ${(error as Error).message}` },
      }))
      .then(answer => send(response, answer))
      .catch(() => response.destroy());
  });
  // A malformed request line must not take the process down.
  server.on('clientError', (_error, socket) => socket.destroy());
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

export function boundPort(server: Server): number {
  return (server.address() as AddressInfo).port;
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close(error => (error ? reject(error) : resolve()));
    // The SDK keeps connections alive; without this, close waits for them to idle out.
    server.closeAllConnections();
  });
}
