import { AwsService, HttpRequest } from '../api';
import { loadServiceModel } from '../model';
import { validateShape } from '../shapeValidation';
import { ec2Error } from './errors';
import { EC2_OPERATIONS } from './operations';
import { decodeQuery, encodeXml, escapeXml } from './queryProtocol';

const model = loadServiceModel('ec2');
const XML_HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n';
const CONTENT_TYPE = 'text/xml;charset=UTF-8';

/** The call's parameters: the form body's, and the query string's for a GET. */
function parametersOf(request: HttpRequest): Map<string, string> {
  return new Map([
    ...request.query.entries(),
    ...new URLSearchParams(request.body).entries(),
  ]);
}

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
    const action = parametersOf(request).get('Action');
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

  inputOf(request, operation) {
    const shape = model.operations[operation].input!.shape;
    const { input, unknownParameters, issues } = decodeQuery(
      model,
      shape,
      parametersOf(request),
    );
    if (unknownParameters.length) {
      throw ec2Error(
        'UnknownParameter',
        `The parameter ${unknownParameters[0]} is not recognized`,
      );
    }
    const invalid = [
      ...issues,
      ...validateShape(model, shape, input, { allowUnknownMembers: false }),
    ];
    if (invalid.length) {
      throw ec2Error(
        'InvalidParameterValue',
        invalid.map(issue => `${issue.path} ${issue.message}`).join('; '),
      );
    }
    return input;
  },

  answer: (operation, output, requestId) => {
    const root = `${operation}Response`;
    const content = encodeXml(
      model,
      model.operations[operation].output!.shape,
      output,
    );
    return {
      status: 200,
      headers: { 'content-type': CONTENT_TYPE },
      body: `${XML_HEADER}<${root} xmlns="${model.metadata.xmlNamespace}/"><requestId>${requestId}</requestId>${content}</${root}>`,
    };
  },

  errorAnswer: (error, requestId) => ({
    status: error.statusCode,
    headers: { 'content-type': CONTENT_TYPE },
    body: `${XML_HEADER}<Response><Errors><Error><Code>${escapeXml(
      error.errorType,
    )}</Code><Message>${escapeXml(
      error.message,
    )}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`,
  }),
};
