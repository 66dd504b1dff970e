import { AwsService, HttpRequest } from './api';
import { callerFromAuthorization } from './auth';
import { CLOUDFORMATION_SERVICE } from './cloudFormation/service';
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
};

/**
 * EC2 and CloudFormation both take form parameters at `/`: a request is CloudFormation's when
 * it is signed for it, or (unsigned) names its API version.
 */
function isCloudFormation(request: HttpRequest): boolean {
  const { authorization } = request.headers;
  const caller = callerFromAuthorization(
    Array.isArray(authorization) ? authorization[0] : authorization,
  );
  if (caller) return caller.service === 'cloudformation';
  return (
    queryParameters(request).get('Version') ===
    loadServiceModel('cloudformation').metadata.apiVersion
  );
}

/**
 * Which service a request is for: SSM names its operation in `X-Amz-Target`, EC2 and
 * CloudFormation send their `Action` to `/`, DRS posts to `/<Operation>`.
 */
export function serviceFor(request: HttpRequest): AwsService {
  if (request.headers['x-amz-target'] !== undefined) return SSM_SERVICE;
  if (request.path === '/') {
    return isCloudFormation(request) ? CLOUDFORMATION_SERVICE : EC2_SERVICE;
  }
  return DRS_SERVICE;
}
