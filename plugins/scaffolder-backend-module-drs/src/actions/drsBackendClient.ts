import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  parseErrorResponseBody,
} from '@backstage/errors';

export interface DrsBackendClientOptions {
  discovery: DiscoveryService;
  auth: AuthService;
}

/** Keeps the backend's own error class, so the task log says what kind of problem it was. */
function errorFor(status: number, message: string): Error {
  if (status === 400) return new InputError(message);
  if (status === 401 || status === 403) return new NotAllowedError(message);
  if (status === 404) return new NotFoundError(message);
  if (status === 409) return new ConflictError(message);
  return new Error(message);
}

/**
 * Calls the drs backend plugin's HTTP API on behalf of the user who started the task, so the
 * API's validation and permission checks apply exactly as they do in the UI.
 */
export class DrsBackendClient {
  constructor(private readonly options: DrsBackendClientOptions) {}

  async post<T>(request: {
    path: string;
    body: unknown;
    credentials: BackstageCredentials;
    /** What is being done, for error messages: "Creating the recovery plan". */
    doing: string;
    headers?: Record<string, string>;
  }): Promise<T> {
    const baseUrl = await this.options.discovery.getBaseUrl('drs');
    const { token } = await this.options.auth.getPluginRequestToken({
      onBehalfOf: request.credentials,
      targetPluginId: 'drs',
    });
    const response = await fetch(`${baseUrl}${request.path}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${token}`,
        ...request.headers,
      },
      body: JSON.stringify(request.body),
    });
    if (!response.ok) {
      const { error } = await parseErrorResponseBody(response);
      throw errorFor(
        response.status,
        `${request.doing} failed: the DRS backend answered ${response.status}: ${error.message}`,
      );
    }
    return (await response.json()) as T;
  }
}
