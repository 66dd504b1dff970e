import { AwsService } from '../api';
import { loadServiceModel } from '../model';
import {
  encodeXml,
  escapeXml,
  queryInput,
  queryParameters,
  XML_CONTENT_TYPE,
  XML_HEADER,
} from '../queryProtocol';
import { ec2Error } from './errors';
import { EC2_OPERATIONS } from './operations';

const model = loadServiceModel('ec2');

/**
 * EC2: the query protocol, `POST /` with `Action=<Operation>&Version=2016-11-15&…` form
 * parameters, answered in XML; errors are `<Response><Errors><Error><Code>…`.
 */
export const EC2_SERVICE: AwsService = {
  name: 'ec2',
  operations: EC2_OPERATIONS,
  errors: {
    missingAuthentication: () =>
      ec2Error(
        'AuthFailure',
        'AWS was not able to validate the provided access credentials',
        401,
      ),
    noAccount: region =>
      ec2Error(
        'OptInRequired',
        `You are not subscribed to this service in ${region}: the simulator's inventory has no account there`,
        403,
      ),
    throttled: () =>
      ec2Error('RequestLimitExceeded', 'Request limit exceeded.', 503),
    internal: (message = 'An internal error has occurred') =>
      ec2Error('InternalError', message, 500),
  },

  operationOf(request) {
    const action = queryParameters(request).get('Action');
    if (!action) {
      throw ec2Error(
        'MissingAction',
        'The request must contain the parameter Action',
      );
    }
    if (!Object.hasOwn(EC2_OPERATIONS, action)) {
      throw ec2Error(
        'InvalidAction',
        `The action ${action} is not valid for this web service (the simulator serves ${Object.keys(
          EC2_OPERATIONS,
        ).join(', ')})`,
      );
    }
    return action;
  },

  inputOf: (request, operation) =>
    queryInput(model, operation, request, 'ec2', {
      unknownParameter: name =>
        ec2Error('UnknownParameter', `The parameter ${name} is not recognized`),
      invalid: issues =>
        ec2Error(
          'InvalidParameterValue',
          issues.map(issue => `${issue.path} ${issue.message}`).join('; '),
        ),
    }),

  answer: (operation, output, requestId) => {
    const root = `${operation}Response`;
    const content = encodeXml(
      model,
      model.operations[operation].output!.shape,
      output,
    );
    return {
      status: 200,
      headers: { 'content-type': XML_CONTENT_TYPE },
      body: `${XML_HEADER}<${root} xmlns="${model.metadata.xmlNamespace}/"><requestId>${requestId}</requestId>${content}</${root}>`,
    };
  },

  errorAnswer: (error, requestId) => ({
    status: error.statusCode,
    headers: { 'content-type': XML_CONTENT_TYPE },
    body: `${XML_HEADER}<Response><Errors><Error><Code>${escapeXml(
      error.errorType,
    )}</Code><Message>${escapeXml(
      error.message,
    )}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`,
  }),
};
