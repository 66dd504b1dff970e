/**
 * Errors of drs:stack:deploy that say what happened and what to check, in one line. The
 * scaffolder writes a failed step's `error.stack` to the task log: these errors' stack is their
 * message, so the log ends with that line and no trace.
 */
export class DeployStackError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeployStackError';
    this.stack = message;
  }
}

/** Where the action deployed to, for the messages. */
export interface DeployTarget {
  stackName: string;
  region: string;
  accountId?: string;
  /** drs.cloudFormation.endpoint; undefined: real AWS. */
  endpoint?: string;
}

/** Stack states CloudFormation cannot update, and what the person has to do about them. */
const STUCK_STATUSES: Record<string, string> = {
  ROLLBACK_COMPLETE:
    'its first deployment failed and CloudFormation cannot update it. Delete the stack (the tables are retained) and run this again',
  ROLLBACK_FAILED:
    'its first deployment failed and so did the rollback. Delete the stack and run this again',
  DELETE_FAILED:
    'a deletion failed. Finish deleting the stack and run this again',
  UPDATE_ROLLBACK_FAILED:
    'an update failed and so did its rollback. Run "aws cloudformation continue-update-rollback" and run this again',
};

/** Undefined when CloudFormation can update a stack in `status`. */
export function stuckStackError(
  stackName: string,
  status: string,
): DeployStackError | undefined {
  const advice = STUCK_STATUSES[status];
  return advice
    ? new DeployStackError(`Stack ${stackName} is ${status}: ${advice}.`)
    : undefined;
}

export function capabilityError(stackName: string, reason: string) {
  return new DeployStackError(
    `CloudFormation refused stack ${stackName}: ${reason}. drs:stack:deploy acknowledges only CAPABILITY_NAMED_IAM; check that the template is the one this module ships (a transform or nested stack would need CAPABILITY_AUTO_EXPAND, which it does not grant).`,
  );
}

const NETWORK_CODES = [
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
];

const REJECTED_CREDENTIALS = [
  'ExpiredToken',
  'ExpiredTokenException',
  'RequestExpired',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'InvalidAccessKeyId',
  'IncompleteSignature',
  'MissingAuthenticationToken',
];

const THROTTLES = ['Throttling', 'ThrottlingException', 'TooManyRequests'];

type AwsError = Error & { code?: string; $metadata?: unknown };

function networkCode(error: AwsError): string | undefined {
  if (error.code && NETWORK_CODES.includes(error.code)) return error.code;
  if (error.name === 'TimeoutError') return 'timed out';
  const named = NETWORK_CODES.find(code => error.message.includes(code));
  if (named) return named;
  return /socket hang up/i.test(error.message) ? 'socket hang up' : undefined;
}

function accountOf(target: DeployTarget): string {
  return target.accountId ? `account ${target.accountId}` : 'the main account';
}

function credentialsToCheck(target: DeployTarget): string {
  return target.accountId
    ? `the aws.accounts entry with accountId ${target.accountId} in app-config`
    : "aws.mainAccount in app-config, or the backend's own credentials (environment, instance or task role)";
}

function unreachable(target: DeployTarget, code: string) {
  const where =
    target.endpoint ?? `CloudFormation in ${target.region} (real AWS)`;
  const check = target.endpoint
    ? 'drs.cloudFormation.endpoint in app-config and that the stand-in (or proxy) there is running'
    : `that the backend can reach AWS (network, proxy, DNS) and that region ${target.region} is right (drs.cloudFormation.endpoint is for a local stand-in only)`;
  return new DeployStackError(
    `Could not reach ${where} (${code}); nothing was deployed by this attempt. Check ${check}, then run this again.`,
  );
}

/** The error a service answered, as one line; undefined for errors no service answered. */
function serviceError(
  error: AwsError,
  target: DeployTarget,
): DeployStackError | undefined {
  const said = `${error.name}: ${error.message}`;
  if (error.name === 'CredentialsProviderError') {
    return new DeployStackError(
      `No AWS credentials for ${accountOf(target)} (${
        error.message
      }). Check ${credentialsToCheck(target)}.`,
    );
  }
  if (REJECTED_CREDENTIALS.includes(error.name)) {
    return new DeployStackError(
      `AWS rejected the credentials for ${accountOf(
        target,
      )} (${said}). Check ${credentialsToCheck(
        target,
      )}; renew them if they are temporary and have expired.`,
    );
  }
  if (/^AccessDenied/.test(error.name)) {
    return new DeployStackError(
      `The credentials for ${accountOf(
        target,
      )} may not do this (${said}). Give that principal the CloudFormation rights listed in this module's README and the rights to create the stack's resources.`,
    );
  }
  if (
    error.name === 'InsufficientCapabilitiesException' ||
    /Requires capabilities/.test(error.message)
  ) {
    return capabilityError(target.stackName, error.message);
  }
  const state = error.message.match(/is in (\w+) state and can ?not be/);
  const stuck = state && stuckStackError(target.stackName, state[1]);
  if (stuck) return stuck;
  if (THROTTLES.includes(error.name)) {
    return new DeployStackError(
      `CloudFormation kept throttling the calls for stack ${
        target.stackName
      } (${said}), retries included. Run this again in a minute; if it persists, look for other automation calling CloudFormation in ${accountOf(
        target,
      )}.`,
    );
  }
  if (error.$metadata) {
    return new DeployStackError(
      `CloudFormation refused a call for stack ${target.stackName} (${said}).`,
    );
  }
  return undefined;
}

/**
 * The error a deployment failed with, as one line saying what happened and what to check.
 * Errors nobody foresaw (bugs) keep their stack trace. `target` is undefined when the input
 * was not even read.
 */
export function explainDeployError(
  error: unknown,
  target: DeployTarget | undefined,
): unknown {
  if (!(error instanceof Error) || error instanceof DeployStackError) {
    return error;
  }
  if (error.name === 'InputError' || error.name === 'ConflictError') {
    error.stack = error.message;
    return error;
  }
  if (!target) return error;
  const code = networkCode(error);
  if (code) return unreachable(target, code);
  return serviceError(error, target) ?? error;
}
