import {
  AwsCredentialProvider,
  AwsCredentialsManager,
} from '@backstage/integration-aws-node';
import { AwsCredentialsError } from './awsFailures';

/**
 * No AWS call may hang: the engine's launch lease (drs.engine.launchLeaseSeconds) relies on a
 * StartRecovery call, with the SDK's 3 attempts, ending well within it, and a cycle on every
 * other call ending.
 */
export const DEFAULT_AWS_REQUEST_TIMEOUT_SECONDS = 30;

/**
 * How one of the plugin's own gateways (DRS, SSM, EC2) reaches its AWS service.
 *
 * @public
 */
export interface DefaultAwsGatewayOptions {
  /** Credentials per account, e.g. `DefaultAwsCredentialsManager.fromConfig(config)`. */
  credentialsManager: AwsCredentialsManager;
  /** The service's endpoint; unset for AWS's own. */
  endpoint?: string;
  /** The account of locations that name none; unset means the main account. */
  defaultAccountId?: string;
  /**
   * Seconds after which one attempt of a request is abandoned. The engine's launch lease
   * must outlast a StartRecovery call with the SDK's 3 attempts.
   * @defaultValue 30
   */
  requestTimeoutSeconds?: number;
}

/** What the plugin builds each SDK client from: the same for DRS, SSM and EC2. */
export interface AwsClientConfig {
  region: string;
  endpoint?: string;
  credentials: AwsCredentialProvider['sdkCredentialProvider'];
  requestHandler: { requestTimeout: number };
}

/** One SDK client per account and region, built from @backstage/integration-aws-node credentials. */
export class AwsClientCache<TClient> {
  private readonly clients = new Map<string, Promise<TClient>>();
  private readonly options: Omit<
    DefaultAwsGatewayOptions,
    'credentialsManager'
  >;
  private readonly credentials: AwsCredentialsManager;

  constructor(
    options: DefaultAwsGatewayOptions,
    private readonly createClient: (config: AwsClientConfig) => TClient,
  ) {
    const { credentialsManager, ...clientOptions } = options;
    this.credentials = credentialsManager;
    this.options = clientOptions;
  }

  get(location: { accountId?: string; region: string }): Promise<TClient> {
    const accountId = location.accountId ?? this.options.defaultAccountId;
    const key = `${accountId ?? 'main'}/${location.region}`;
    let client = this.clients.get(key);
    if (!client) {
      client = this.create(accountId, location.region);
      // A failed credential lookup must not be cached: the next request tries again.
      client.catch(() => this.clients.delete(key));
      this.clients.set(key, client);
    }
    return client;
  }

  private async create(accountId: string | undefined, region: string) {
    // An entity may name an account the `aws` config lacks: that is a setup problem to
    // report, not a bug.
    const { sdkCredentialProvider } = await this.credentials
      .getCredentialProvider(accountId ? { accountId } : {})
      .catch(error => {
        throw new AwsCredentialsError(
          `No AWS credentials for account ${accountId ?? '(main)'}: ${
            (error as Error).message
          }`,
        );
      });
    const timeoutSeconds =
      this.options.requestTimeoutSeconds ?? DEFAULT_AWS_REQUEST_TIMEOUT_SECONDS;
    return this.createClient({
      region,
      endpoint: this.options.endpoint,
      credentials: sdkCredentialProvider,
      requestHandler: { requestTimeout: timeoutSeconds * 1000 },
    });
  }
}
