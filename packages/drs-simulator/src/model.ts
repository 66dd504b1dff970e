import cloudFormationModelJson from '../model/cloudformation-service-model.json';
import cloudWatchModelJson from '../model/cloudwatch-service-model.json';
import drsModelJson from '../model/drs-service-model.json';
import ec2ModelJson from '../model/ec2-service-model.json';
import ssmModelJson from '../model/ssm-service-model.json';

/**
 * An AWS service model (botocore JSON). It is the contract: requests are validated against it
 * and tests check every response against it. DRS's is AWS's whole model; SSM's, EC2's and
 * CloudFormation's hold the operations the simulator serves and the shapes they reach (see their
 * `source`). CloudWatch's holds PutMetricData.
 */
export interface ServiceModel {
  metadata: {
    apiVersion: string;
    protocol: string;
    targetPrefix?: string;
    xmlNamespace?: string;
  };
  operations: Record<string, OperationModel>;
  shapes: Record<string, ShapeModel>;
  /** botocore's paginators for the operations, where the file carries them. */
  pagination?: Record<string, PaginatorModel>;
}

export interface OperationModel {
  name: string;
  http: { method: string; requestUri: string; responseCode?: number };
  input?: { shape: string };
  /** `resultWrapper`: the query protocol's element around the output (`<OpResult>`). */
  output?: { shape: string; resultWrapper?: string };
  errors?: { shape: string }[];
}

export interface PaginatorModel {
  input_token: string;
  output_token: string;
  limit_key?: string;
  result_key: string;
}

export interface MemberModel {
  shape: string;
  location?: 'header' | 'uri' | 'querystring' | 'headers';
  /** The member's name on the wire where it differs (EC2: query keys and XML elements). */
  locationName?: string;
  /** EC2 query key, where it is not the capitalised `locationName`. */
  queryName?: string;
}

export interface ShapeModel {
  type:
    | 'structure'
    | 'list'
    | 'map'
    | 'string'
    | 'integer'
    | 'long'
    | 'double'
    | 'float'
    | 'boolean'
    | 'timestamp';
  members?: Record<string, MemberModel>;
  required?: string[];
  member?: MemberModel;
  key?: { shape: string };
  value?: { shape: string };
  enum?: string[];
  pattern?: string;
  min?: number;
  max?: number;
  union?: boolean;
  /** Query protocol: list items (or map entries) repeat under the list's own name, unwrapped. */
  flattened?: boolean;
  /** `code`: the error's name on the wire where it differs from the shape's (CloudFormation). */
  error?: { httpStatusCode: number; code?: string };
  exception?: boolean;
  /** A server-side error: answered with a 5xx status when the model gives none. */
  fault?: boolean;
}

/** The services the simulator serves, by the name their SigV4 scope uses. */
export type ServiceName =
  | 'drs'
  | 'ssm'
  | 'ec2'
  | 'cloudformation'
  /** CloudWatch, whose SigV4 scope names it `monitoring`. */
  | 'monitoring';

const MODELS: Record<ServiceName, unknown> = {
  drs: drsModelJson,
  ssm: ssmModelJson,
  ec2: ec2ModelJson,
  cloudformation: cloudFormationModelJson,
  monitoring: cloudWatchModelJson,
};

/** The models are copied into this package so tests and CI never depend on a path outside the repo. */
export function loadServiceModel(service: ServiceName = 'drs'): ServiceModel {
  return MODELS[service] as ServiceModel;
}

export function enumValues(model: ServiceModel, shapeName: string): string[] {
  const values = model.shapes[shapeName]?.enum;
  if (!values) {
    throw new Error(`Shape ${shapeName} is not an enum in the model`);
  }
  return values;
}

/** The HTTP status of a modeled error: the model's, else 500 for a fault and 400 otherwise. */
export function errorStatus(shape: ShapeModel): number {
  return shape.error?.httpStatusCode ?? (shape.fault ? 500 : 400);
}
