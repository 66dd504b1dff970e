import { ServiceUnavailableError } from '@backstage/errors';
import { DrsClient, DrsServiceException } from '@aws-sdk/client-drs';
import { AwsCredentialsError, isAwsFailure } from './awsFailures';
import { AwsClientCache } from './awsClients';
import { createDrsGateway } from './DrsGateway/createDrsGateway';
import { unavailableWhenFailing } from './DrsGateway/unavailableWhenFailing';
import { DrsGateway } from './DrsGateway/types';

const throttled = new DrsServiceException({
  name: 'ThrottlingException',
  $fault: 'client',
  $metadata: { httpStatusCode: 429 },
  message: 'Rate exceeded',
});
const refused = Object.assign(
  new Error('connect ECONNREFUSED 127.0.0.1:4566'),
  {
    code: 'ECONNREFUSED',
  },
);
const timedOut = Object.assign(new Error('Connection timed out'), {
  name: 'TimeoutError',
});
const bug = new TypeError(
  "Cannot read properties of undefined (reading 'jobID')",
);

describe('isAwsFailure', () => {
  it.each([
    ['an SDK service error', throttled],
    ['a network error', refused],
    ['an SDK timeout', timedOut],
  ])('counts %s as AWS being unreachable', (_, error) => {
    expect(isAwsFailure(error)).toBe(true);
  });

  it.each([
    ['a TypeError', bug],
    ['a plain Error', new Error('invariant broken')],
    ['a thrown string', 'oops'],
  ])('does not count %s', (_, error) => {
    expect(isAwsFailure(error)).toBe(false);
  });
});

describe('unavailableWhenFailing', () => {
  const failingWith = (error: unknown) =>
    unavailableWhenFailing({
      describeJobs: async () => {
        throw error;
      },
    } as unknown as DrsGateway);
  const location = { accountId: '111122223333', region: 'us-east-1' };

  it('answers 503 naming account and region when DRS cannot be reached', async () => {
    for (const error of [throttled, refused, timedOut]) {
      const call = failingWith(error).describeJobs(location, ['j']);
      await expect(call).rejects.toBeInstanceOf(ServiceUnavailableError);
      await expect(call).rejects.toThrow(
        /^DRS in 111122223333\/us-east-1 could not be reached/,
      );
    }
  });

  it('says DRS refused, not that it was unreachable, when retrying cannot help', async () => {
    const denied = new DrsServiceException({
      name: 'AccessDeniedException',
      $fault: 'client',
      $metadata: { httpStatusCode: 403 },
      message:
        'User: arn:aws:sts::111122223333:assumed-role/backstage is not authorized to perform: drs:DescribeJobs',
    });
    const call = failingWith(denied).describeJobs(location, ['j']);
    await expect(call).rejects.toBeInstanceOf(ServiceUnavailableError);
    await expect(call).rejects.toThrow(
      /^DRS in 111122223333\/us-east-1 refused the request \(AccessDeniedException: User: .* not authorized to perform: drs:DescribeJobs\)\. Retrying will not help/,
    );
  });

  it('answers 503 when an entity names an account the aws config lacks', async () => {
    const gateway = unavailableWhenFailing(
      createDrsGateway(
        new AwsClientCache(
          {
            credentialsManager: {
              getCredentialProvider: async () => {
                throw new Error(
                  'There is no AWS integration that matches 999999999999.',
                );
              },
            },
          },
          config => new DrsClient(config),
        ),
      ),
    );
    const call = gateway.describeJobs(
      { accountId: '999999999999', region: 'us-east-1' },
      ['j'],
    );
    await expect(call).rejects.toBeInstanceOf(ServiceUnavailableError);
    await expect(call).rejects.toThrow(
      /No AWS credentials for account 999999999999: There is no AWS integration/,
    );
    expect(isAwsFailure(new AwsCredentialsError('x'))).toBe(true);
  });

  it('lets a bug through as itself instead of hiding it behind "try again"', async () => {
    await expect(failingWith(bug).describeJobs(location, ['j'])).rejects.toBe(
      bug,
    );
  });
});
