import { AwsService, HttpRequest } from './api';
import { callerFromAuthorization } from './auth';
import { CLOUDFORMATION_SERVICE } from './cloudFormation/service';
import { CLOUDWATCH_SERVICE } from './cloudWatch/service';
import { DRS_SERVICE } from './drsService';
import { EC2_SERVICE } from './ec2/service';
import { loadServiceModel, ServiceName } from './model';
import { queryParameters } from './queryProtocol';
import { SSM_SERVICE } from './ssm/service';

/** The services the simulator serves on one port, sharing one world. */
export const SERVICES: Record<ServiceName, AwsService> = {
  drs: DRS_SERVICE,
  ssm: SSM_SERVICE,
  ec2: EC2_SERVICE,
  cloudformation: CLOUDFORMATION_SERVICE,
  monitoring: CLOUDWATCH_SERVICE,
};

/**
 * EC2, CloudFormation and CloudWatch all take form parameters at `/`: a request is
 * CloudFormation's or CloudWatch's when it is signed for it, or (unsigned) names its API
 * version; EC2's otherwise.
 */
function queryServiceFor(request: HttpRequest): AwsService {
  const { authorization } = request.headers;
  const caller = callerFromAuthorization(
    Array.isArray(authorization) ? authorization[0] : authorization,
  );
  const signedFor = (name: 'cloudformation' | 'monitoring') =>
    caller
      ? caller.service === name
      : queryParameters(request).get('Version') ===
        loadServiceModel(name).metadata.apiVersion;
  if (signedFor('cloudformation')) return CLOUDFORMATION_SERVICE;
  if (signedFor('monitoring')) return CLOUDWATCH_SERVICE;
  return EC2_SERVICE;
}

/**
 * Which service a request is for: SSM names its operation in `X-Amz-Target`, EC2,
 * CloudFormation and CloudWatch send their `Action` to `/`, DRS posts to `/<Operation>`.
 */
export function serviceFor(request: HttpRequest): AwsService {
  if (request.headers['x-amz-target'] !== undefined) return SSM_SERVICE;
  if (request.path === '/') return queryServiceFor(request);
  return DRS_SERVICE;
}
