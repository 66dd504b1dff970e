import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { expectFields } from './payload';

/** Long enough for a DRS round trip behind the backend, short enough that nobody stares at a spinner. */
const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * What {@link DrsClient} needs to reach the drs backend plugin.
 *
 * @public
 */
export interface BackendHttpOptions {
  /** Finds the drs backend plugin's base URL. */
  discoveryApi: DiscoveryApi;
  /** Sends the requests, with the user's Backstage token. */
  fetchApi: FetchApi;
  /**
   * Milliseconds after which a request is given up on.
   * @defaultValue 30000
   */
  timeoutMs?: number;
}

export interface BackendRequest {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface JsonRequest extends BackendRequest {
  /** The fields the views rely on, checked before the answer reaches them. */
  fields: Parameters<typeof expectFields>[1];
  /** What the answer is, for error messages: "the saved plan". */
  what: string;
}

/**
 * The plan routes answer a failed validation with `{ error, issues }` and no `response` field,
 * which ResponseError would not recognise as the backend's error: add the field so it does.
 */
function asBackstageErrorBody(text: string, statusCode: number): string {
  try {
    const body = JSON.parse(text);
    if (typeof body?.error?.message === 'string' && !body.response) {
      return JSON.stringify({ ...body, response: { statusCode } });
    }
  } catch {
    // not JSON: ResponseError keeps the text in its message
  }
  return text;
}

async function toResponseError(response: Response): Promise<ResponseError> {
  const text = await response.text();
  return ResponseError.fromResponse({
    headers: response.headers,
    ok: response.ok,
    redirected: response.redirected,
    status: response.status,
    statusText: response.statusText,
    type: response.type,
    url: response.url,
    text: async () => asBackstageErrorBody(text, response.status),
  });
}

/**
 * Requests to the drs backend plugin. Non-2xx answers become ResponseErrors with the backend's
 * message; timeouts, unreachable backends and malformed answers become errors saying so.
 */
export class BackendHttp {
  private readonly timeoutMs: number;

  constructor(private readonly options: BackendHttpOptions) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** Sends a request whose answer is JSON with at least the given fields. */
  json<T>(path: string, request: JsonRequest): Promise<T> {
    return this.send(path, request, async response => {
      let payload: unknown;
      try {
        payload = await response.json();
      } catch {
        throw new Error(
          `The DRS backend sent ${request.what} as something other than JSON; try again, and report it if it persists.`,
        );
      }
      return expectFields<T>(payload, request.fields, request.what);
    });
  }

  /**
   * Sends a request with a deadline covering the answer's body too. The deadline races the
   * request rather than trusting the abort signal alone: not every fetch honours it.
   */
  async send<T>(
    path: string,
    request: BackendRequest,
    read: (response: Response) => Promise<T>,
  ): Promise<T> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl('drs');
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        abort.abort();
        reject(
          new Error(
            `The DRS backend did not answer within ${
              this.timeoutMs / 1000
            } seconds; check your connection and try again.`,
          ),
        );
      }, this.timeoutMs);
    });
    const attempt = async () => {
      const response = await this.options.fetchApi
        .fetch(`${baseUrl}${path}`, {
          method: request.method ?? 'GET',
          headers: {
            ...(request.body !== undefined && {
              'Content-Type': 'application/json',
            }),
            ...request.headers,
          },
          body:
            request.body !== undefined
              ? JSON.stringify(request.body)
              : undefined,
          signal: abort.signal,
        })
        .catch(error => {
          throw new Error(
            `Could not reach the DRS backend (${error.message}); check your connection and try again.`,
          );
        });
      if (!response.ok) {
        throw await toResponseError(response);
      }
      return read(response);
    };
    try {
      return await Promise.race([attempt(), deadline]);
    } finally {
      clearTimeout(timer);
    }
  }
}
