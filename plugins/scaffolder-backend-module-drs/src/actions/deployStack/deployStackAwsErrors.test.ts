import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DescribeChangeSetCommand,
  DescribeStacksCommand,
  ValidateTemplateCommand,
} from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import {
  CHANGE_SET_ID,
  createDeployAction,
  deployContext,
  missingStackError,
  serviceError,
  stack,
  STACK_ID,
} from '../../__testUtils__/cloudFormation';
import { failureOf } from '../../__testUtils__/cloudFormationStandIn';

// Answers of real AWS the stand-in cannot give: DNS failing, credentials missing or expired,
// a template needing more capabilities, a stack state CloudFormation reports on CreateChangeSet.
const cfn = mockClient(CloudFormationClient);
const action = createDeployAction();

beforeEach(() => {
  cfn.reset();
  cfn.on(DescribeStacksCommand).rejects(missingStackError());
  cfn
    .on(CreateChangeSetCommand)
    .resolves({ Id: CHANGE_SET_ID, StackId: STACK_ID });
});

async function failure(input = {}) {
  const error = await failureOf(action.handler(deployContext(input)));
  expect(error.stack).toBe(error.message);
  return error.message;
}

describe('drs:stack:deploy errors from real AWS', () => {
  it("names AWS's endpoint of the region when it cannot be reached", async () => {
    cfn
      .on(DescribeStacksCommand)
      .rejects(
        Object.assign(
          new Error(
            'getaddrinfo ENOTFOUND cloudformation.us-east-1.amazonaws.com',
          ),
          { code: 'ENOTFOUND' },
        ),
      );

    expect(await failure()).toBe(
      'Could not reach CloudFormation in us-east-1 (real AWS) (ENOTFOUND); nothing was deployed by this attempt. Check that the backend can reach AWS (network, proxy, DNS) and that region us-east-1 is right (drs.cloudFormation.endpoint is for a local stand-in only), then run this again.',
    );
  });

  it.each([
    [
      'the main account',
      {},
      "Check aws.mainAccount in app-config, or the backend's own credentials",
    ],
    [
      'account 210987654321',
      { accountId: '210987654321' },
      'Check the aws.accounts entry with accountId 210987654321 in app-config.',
    ],
  ])(
    'says where credentials for %s come from when there are none',
    async (account, input, check) => {
      cfn
        .on(DescribeStacksCommand)
        .rejects(
          Object.assign(
            new Error('Could not load credentials from any providers'),
            { name: 'CredentialsProviderError' },
          ),
        );

      const message = await failure(input);

      expect(message).toMatch(
        `No AWS credentials for ${account} (Could not load credentials from any providers).`,
      );
      expect(message).toContain(check);
    },
  );

  it('says expired credentials must be renewed', async () => {
    cfn
      .on(DescribeStacksCommand)
      .rejects(
        serviceError(
          'ExpiredToken',
          'The security token included in the request is expired',
        ),
      );

    expect(await failure()).toMatch(
      /^AWS rejected the credentials for the main account \(ExpiredToken: The security token included in the request is expired\)\. .*renew them if they are temporary and have expired\.$/,
    );
  });

  it('points at the rights a principal lacks', async () => {
    cfn
      .on(CreateChangeSetCommand)
      .rejects(
        serviceError(
          'AccessDenied',
          'User: arn:aws:iam::123456789012:user/ci is not authorized to perform: cloudformation:CreateChangeSet',
        ),
      );

    expect(await failure()).toMatch(
      /^The credentials for the main account may not do this \(AccessDenied: .*cloudformation:CreateChangeSet\)\. Give that principal the CloudFormation rights listed in this module's README/,
    );
  });

  it.each([
    ['refuses the change set', true],
    ['fails the change set', false],
  ])(
    'says which capability is missing when CloudFormation %s',
    async (_, refused) => {
      const reason = 'Requires capabilities : [CAPABILITY_AUTO_EXPAND]';
      if (refused) {
        cfn
          .on(CreateChangeSetCommand)
          .rejects(serviceError('InsufficientCapabilitiesException', reason));
      } else {
        cfn.on(DescribeChangeSetCommand).resolves({
          ChangeSetId: CHANGE_SET_ID,
          Status: 'FAILED',
          StatusReason: reason,
        });
      }

      expect(await failure()).toBe(
        `CloudFormation refused stack drs-orchestration-prod: ${reason}. drs:stack:deploy acknowledges only CAPABILITY_NAMED_IAM; check that the template is the one this module ships (a transform or nested stack would need CAPABILITY_AUTO_EXPAND, which it does not grant).`,
      );
    },
  );

  it('says what to do with a stack that fell into a state that cannot be updated', async () => {
    cfn
      .on(DescribeStacksCommand)
      .resolves({ Stacks: [stack('UPDATE_COMPLETE')] });
    cfn
      .on(CreateChangeSetCommand)
      .rejects(
        serviceError(
          'ValidationError',
          `Stack:${STACK_ID} is in UPDATE_ROLLBACK_FAILED state and can not be updated.`,
        ),
      );

    expect(await failure()).toBe(
      'Stack drs-orchestration-prod is UPDATE_ROLLBACK_FAILED: an update failed and so did its rollback. Run "aws cloudformation continue-update-rollback" and run this again.',
    );
  });

  it('says to come back later when throttling outlasts the retries', async () => {
    cfn
      .on(DescribeStacksCommand)
      .rejects(serviceError('Throttling', 'Rate exceeded'));

    expect(await failure()).toMatch(
      /^CloudFormation kept throttling the calls for stack drs-orchestration-prod \(Throttling: Rate exceeded\), retries included\. Run this again in a minute/,
    );
  });

  it('keeps the stack trace of an error nobody foresaw', async () => {
    cfn.on(DescribeStacksCommand).rejects(new TypeError('x is not a function'));

    const error = await failureOf(action.handler(deployContext()));

    expect(error).toBeInstanceOf(TypeError);
    expect(error.stack).toContain('\n    at ');
  });

  it("validates with the configured account's credentials in the requested region", async () => {
    cfn.on(ValidateTemplateCommand).resolves({});

    await action.handler(
      deployContext({
        accountId: '210987654321',
        region: 'eu-west-1',
        validateOnly: true,
      }),
    );

    const client = cfn.calls()[0].thisValue as CloudFormationClient;
    await expect(client.config.region()).resolves.toBe('eu-west-1');
    await expect(client.config.credentials()).resolves.toMatchObject({
      accessKeyId: 'AKIDOTHER',
    });
  });
});
