import { AwsService, jsonInput } from '../api';
import { loadServiceModel } from '../model';
import { isModeledError, ssmError, validationFailed } from './errors';
import { SSM_OPERATIONS } from './operations';

const model = loadServiceModel('ssm');
const TARGET_PREFIX = `${model.metadata.targetPrefix}.`;
const CONTENT_TYPE = 'application/x-amz-json-1.1';

/**
 * SSM: AWS JSON 1.1, `POST /` with the operation in `X-Amz-Target: AmazonSSM.<Operation>`;
 * errors name their type in the body's `__type`.
 */
export const SSM_SERVICE: AwsService = {
  name: 'ssm',
  operations: SSM_OPERATIONS,
  errors: {
    missingAuthentication: () =>
      ssmError(
        'MissingAuthenticationTokenException',
        'Missing Authentication Token',
      ),
    noAccount: region =>
      ssmError(
        'UnrecognizedClientException',
        `The security token included in the request is invalid: the simulator's inventory has no account in ${region}`,
      ),
    throttled: () => ssmError('ThrottlingException', 'Rate exceeded'),
    internal: (message = 'Internal server error') =>
      ssmError('InternalServerError', message),
  },

  operationOf(request) {
    const header = request.headers['x-amz-target'];
    const target = Array.isArray(header) ? header[0] : header ?? '';
    const name = target.startsWith(TARGET_PREFIX)
      ? target.slice(TARGET_PREFIX.length)
      : '';
    if (
      request.method !== 'POST' ||
      request.path !== '/' ||
      !Object.hasOwn(SSM_OPERATIONS, name)
    ) {
      throw ssmError(
        'UnknownOperationException',
        `${request.method} ${
          request.path
        } with X-Amz-Target ${target}: the simulator serves ${Object.keys(
          SSM_OPERATIONS,
        )
          .map(operation => TARGET_PREFIX + operation)
          .join(', ')} (POST /)`,
      );
    }
    return name;
  },

  inputOf: (request, operation) =>
    jsonInput(model, operation, request.body, {
      unparseable: () =>
        ssmError('SerializationException', 'Request body is not valid JSON'),
      invalid: validationFailed,
    }),

  answer: (_operation, output, requestId) => ({
    status: 200,
    headers: { 'x-amzn-requestid': requestId, 'content-type': CONTENT_TYPE },
    body: output,
  }),

  errorAnswer: (error, requestId) => ({
    status: error.statusCode,
    headers: { 'x-amzn-requestid': requestId, 'content-type': CONTENT_TYPE },
    body: {
      __type: error.errorType,
      [isModeledError(error.errorType) ? 'Message' : 'message']: error.message,
      ...error.body,
    },
  }),
};
