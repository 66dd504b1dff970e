import { ServiceError } from '../errors';
import { loadServiceModel } from '../model';
import { encodeXml, escapeXml, xmlAnswer } from '../queryProtocol';

const model = loadServiceModel('ec2');

/** An answer in EC2's XML: the output's elements beside `<requestId>` in `<OpResponse>`. */
export function answerXml(
  operation: string,
  output: unknown,
  requestId: string,
) {
  const root = `${operation}Response`;
  const content = encodeXml(
    model,
    model.operations[operation].output!.shape,
    output,
  );
  return xmlAnswer(
    200,
    `<${root} xmlns="${model.metadata.xmlNamespace}/"><requestId>${requestId}</requestId>${content}</${root}>`,
  );
}

/** An error in EC2's XML: `<Response><Errors><Error><Code>…`. */
export function errorXml(error: ServiceError, requestId: string) {
  return xmlAnswer(
    error.statusCode,
    `<Response><Errors><Error><Code>${escapeXml(
      error.errorType,
    )}</Code><Message>${escapeXml(
      error.message,
    )}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`,
  );
}
