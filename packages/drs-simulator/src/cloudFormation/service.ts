import { AwsService } from '../api';
import { loadServiceModel } from '../model';
import { queryInput } from '../queryProtocol';
import { queryAction } from '../queryService';
import { answerXml, errorXml } from './envelope';
import { FRONT_DOOR_ERRORS, validationError } from './errors';
import { CLOUDFORMATION_OPERATIONS } from './operations';

const model = loadServiceModel('cloudformation');

/**
 * CloudFormation: the AWS query protocol, `POST /` with `Action=<Operation>&Version=2010-05-15&…`
 * form parameters (`Parameters.member.1.ParameterKey`), answered in XML inside
 * `<OpResponse><OpResult>`; errors are `<ErrorResponse><Error><Code>…`.
 */
export const CLOUDFORMATION_SERVICE: AwsService = {
  name: 'cloudformation',
  operations: CLOUDFORMATION_OPERATIONS,
  errors: FRONT_DOOR_ERRORS,

  operationOf: request =>
    queryAction(request, CLOUDFORMATION_OPERATIONS, model.metadata.apiVersion),

  inputOf: (request, operation) =>
    queryInput(model, operation, request, 'query', {
      unknownParameter: name =>
        validationError(`Parameter ${name} is not recognized`),
      invalid: issues =>
        validationError(
          `${issues.length} validation error${
            issues.length === 1 ? '' : 's'
          } detected: ${issues
            .map(issue => `Value at '${issue.path}' ${issue.message}`)
            .join('; ')}`,
        ),
    }),

  // Stacks wait on DynamoDB at their tables: carry that out before the call reads them.
  settle: sim => sim.cloudFormation.settle(sim),

  answer: answerXml,
  errorAnswer: errorXml,
};
