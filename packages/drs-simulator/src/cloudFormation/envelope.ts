import { awsQueryEnvelope } from '../awsQueryEnvelope';
import { loadServiceModel } from '../model';

/** CloudFormation's answers and errors: the AWS query protocol's envelope. */
export const { answerXml, errorXml } = awsQueryEnvelope(
  loadServiceModel('cloudformation'),
);
