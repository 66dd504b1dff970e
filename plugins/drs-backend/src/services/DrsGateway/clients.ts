import { DrsClient } from '@aws-sdk/client-drs';
import { AwsCredentialsManager } from '@backstage/integration-aws-node';
import { AwsCredentialsError } from '../awsFailures';
import { DefaultDrsGatewayOptions, DrsLocation } from './types';

/**
 * No DRS call may hang: the engine's launch lease (drs.engine.launchLeaseSeconds) relies on a
 * StartRecovery call, with the SDK's 3 attempts, ending well within it.
 */
export const DEFAULT_DRS_REQUEST_TIMEOUT_SECONDS = 30;

/** One DRS client per account and region, built from @backstage/integration-aws-node credentials. */
export class DrsClientCache {
  private readonly clients = new Map<string, Promise<DrsClient>>();

  constructor(
    private readonly credentials: AwsCredentialsManager,
    private readonly options: Omit<
      DefaultDrsGatewayOptions,
      'credentialsManager'
    >,
  ) {}

  get(location: DrsLocation): Promise<DrsClient> {
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
      this.options.requestTimeoutSeconds ?? DEFAULT_DRS_REQUEST_TIMEOUT_SECONDS;
    return new DrsClient({
      region,
      endpoint: this.options.endpoint,
      credentials: sdkCredentialProvider,
      requestHandler: { requestTimeout: timeoutSeconds * 1000 },
    });
  }
}
