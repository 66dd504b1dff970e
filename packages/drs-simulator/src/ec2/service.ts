import { AwsService } from '../api';
import { loadServiceModel } from '../model';
import { queryInput, queryParameters } from '../queryProtocol';
import { answerXml, errorXml } from './envelope';
import { ec2Error, EC2_FRONT_DOOR_ERRORS } from './errors';
import { EC2_OPERATIONS } from './operations';

const model = loadServiceModel('ec2');

/**
 * EC2: the query protocol, `POST /` with `Action=<Operation>&Version=2016-11-15&…` form
 * parameters, answered in XML (envelope.ts).
 */
export const EC2_SERVICE: AwsService = {
  name: 'ec2',
  operations: EC2_OPERATIONS,
  errors: EC2_FRONT_DOOR_ERRORS,

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

  answer: answerXml,
  errorAnswer: errorXml,
};
