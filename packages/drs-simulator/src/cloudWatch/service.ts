import { AwsService } from '../api';
import { awsQueryEnvelope } from '../awsQueryEnvelope';
import { loadServiceModel } from '../model';
import { OperationSpec } from '../operations/context';
import { queryInput } from '../queryProtocol';
import { queryAction } from '../queryService';
import { cloudWatchError, CLOUDWATCH_FRONT_DOOR_ERRORS } from './errors';
import { putMetricData, PutMetricDataInput } from './putMetricData';

const model = loadServiceModel('monitoring');
const { answerXml, errorXml } = awsQueryEnvelope(model);

/** The CloudWatch operations the simulator serves, by name (= the `Action` parameter). */
export const CLOUDWATCH_OPERATIONS: Record<string, OperationSpec> = {
  // Changes no state a later call reads: the batch goes to the call log, not the journal.
  PutMetricData: {
    handle: (context, input) =>
      putMetricData(context, input as PutMetricDataInput),
  },
};

/**
 * CloudWatch: the AWS query protocol (as @aws-sdk/client-cloudwatch 3.523 sends it), `POST /`
 * with `Action=PutMetricData&Version=2010-08-01&Namespace=…&MetricData.member.1.MetricName=…`,
 * signed for `monitoring`; answered in XML inside `<OpResponse>`, errors `<ErrorResponse>`.
 */
export const CLOUDWATCH_SERVICE: AwsService = {
  name: 'monitoring',
  operations: CLOUDWATCH_OPERATIONS,
  errors: CLOUDWATCH_FRONT_DOOR_ERRORS,

  operationOf: request =>
    queryAction(request, CLOUDWATCH_OPERATIONS, model.metadata.apiVersion),

  inputOf: (request, operation) =>
    queryInput(model, operation, request, 'query', {
      unknownParameter: name =>
        cloudWatchError(
          'InvalidParameterValueException',
          `Parameter ${name} is not recognized`,
        ),
      invalid: issues => {
        const missing = issues.find(issue => issue.message === 'is required');
        if (missing) {
          return cloudWatchError(
            'MissingRequiredParameterException',
            `The parameter ${missing.path} is required.`,
          );
        }
        return cloudWatchError(
          'InvalidParameterValueException',
          issues.map(issue => `${issue.path} ${issue.message}`).join('; '),
        );
      },
    }),

  answer: answerXml,
  errorAnswer: errorXml,
};
