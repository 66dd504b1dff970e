import { ServiceError } from '../errors';
import { loadServiceModel } from '../model';
import { encodeXml, escapeXml, xmlAnswer } from '../queryProtocol';

const model = loadServiceModel('cloudformation');
const NAMESPACE = model.metadata.xmlNamespace!;

/** An answer in the AWS query protocol: the output inside `<OpResponse><OpResult>`. */
export function answerXml(
  operation: string,
  output: unknown,
  requestId: string,
) {
  const root = `${operation}Response`;
  const result = model.operations[operation].output;
  const content = result
    ? `<${result.resultWrapper}>${encodeXml(model, result.shape, output)}</${
        result.resultWrapper
      }>`
    : '';
  return xmlAnswer(
    200,
    `<${root} xmlns="${NAMESPACE}">${content}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${root}>`,
  );
}

/** An error in the AWS query protocol: Sender for the caller's faults, Receiver for AWS's. */
export function errorXml(error: ServiceError, requestId: string) {
  return xmlAnswer(
    error.statusCode,
    `<ErrorResponse xmlns="${NAMESPACE}"><Error><Type>${
      error.statusCode >= 500 ? 'Receiver' : 'Sender'
    }</Type><Code>${escapeXml(error.errorType)}</Code><Message>${escapeXml(
      error.message,
    )}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
  );
}
