import { ServiceError } from './errors';
import { ServiceModel } from './model';
import { encodeXml, escapeXml, xmlAnswer } from './queryProtocol';

/**
 * The AWS query protocol's envelope (CloudFormation, CloudWatch): an answer is the output inside
 * `<OpResponse><OpResult>` beside `<ResponseMetadata>`, an error `<ErrorResponse><Error>` with
 * Type Sender for the caller's faults and Receiver for AWS's.
 */
export function awsQueryEnvelope(model: ServiceModel) {
  const namespace = model.metadata.xmlNamespace!;
  return {
    answerXml(operation: string, output: unknown, requestId: string) {
      const root = `${operation}Response`;
      const result = model.operations[operation].output;
      const content = result
        ? `<${result.resultWrapper}>${encodeXml(
            model,
            result.shape,
            output,
          )}</${result.resultWrapper}>`
        : '';
      return xmlAnswer(
        200,
        `<${root} xmlns="${namespace}">${content}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${root}>`,
      );
    },

    errorXml(error: ServiceError, requestId: string) {
      return xmlAnswer(
        error.statusCode,
        `<ErrorResponse xmlns="${namespace}"><Error><Type>${
          error.statusCode >= 500 ? 'Receiver' : 'Sender'
        }</Type><Code>${escapeXml(error.errorType)}</Code><Message>${escapeXml(
          error.message,
        )}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
      );
    },
  };
}
