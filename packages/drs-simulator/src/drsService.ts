import { AwsService, jsonInput } from './api';
import {
  DrsApiError,
  internalError,
  invalidFields,
  throttled,
  validationError,
} from './errors';
import { loadServiceModel } from './model';
import { OPERATIONS } from './operations';

const model = loadServiceModel('drs');

/** DRS: REST-JSON, `POST /<Operation>` with a JSON body; errors name their type in a header. */
export const DRS_SERVICE: AwsService = {
  name: 'drs',
  operations: OPERATIONS,
  errors: {
    missingAuthentication: () =>
      new DrsApiError(
        'MissingAuthenticationTokenException',
        'Missing or malformed SigV4 Authorization header (Credential=KEY/DATE/REGION/drs/aws4_request)',
      ),
    noAccount: region =>
      new DrsApiError(
        'UninitializedAccountException',
        `DRS is not initialized in ${region}: the simulator's inventory has no account there`,
        { code: 'UNINITIALIZED_ACCOUNT' },
      ),
    throttled,
    internal: internalError,
  },

  operationOf(request) {
    const name = request.path.slice(1);
    const operationModel = Object.hasOwn(model.operations, name)
      ? model.operations[name]
      : undefined;
    if (
      !Object.hasOwn(OPERATIONS, name) ||
      request.method !== operationModel?.http.method
    ) {
      const served = Object.keys(OPERATIONS).join(', ');
      throw new DrsApiError(
        'UnknownOperationException',
        operationModel
          ? `${request.method} ${request.path}: the simulator does not implement ${name} (it serves ${served})`
          : `${request.method} ${request.path} is not a DRS operation`,
      );
    }
    return name;
  },

  inputOf: (request, operation) =>
    jsonInput(model, operation, request.body, {
      unparseable: () =>
        validationError('Request body is not valid JSON', [], 'cannotParse'),
      invalid: invalidFields,
    }),

  answer: (operation, output, requestId) => ({
    status: model.operations[operation].http.responseCode ?? 200,
    headers: { 'x-amzn-requestid': requestId },
    body: output,
  }),

  errorAnswer(error, requestId) {
    return {
      status: error.statusCode,
      headers: {
        'x-amzn-requestid': requestId,
        'x-amzn-errortype': error.errorType,
        ...error.headers,
      },
      body: { message: error.message, ...error.body },
    };
  },
};
