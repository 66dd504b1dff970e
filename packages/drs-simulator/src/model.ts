import serviceModelJson from '../model/drs-service-model.json';

/**
 * The AWS DRS service model (botocore JSON, rest-json protocol). It is the contract:
 * requests are validated against it and tests check every response against it.
 */
export interface ServiceModel {
  operations: Record<string, OperationModel>;
  shapes: Record<string, ShapeModel>;
}

export interface OperationModel {
  name: string;
  http: { method: string; requestUri: string; responseCode?: number };
  input?: { shape: string };
  output?: { shape: string };
  errors?: { shape: string }[];
}

export interface MemberModel {
  shape: string;
  location?: 'header' | 'uri' | 'querystring' | 'headers';
  locationName?: string;
}

export interface ShapeModel {
  type:
    | 'structure'
    | 'list'
    | 'map'
    | 'string'
    | 'integer'
    | 'long'
    | 'boolean'
    | 'timestamp';
  members?: Record<string, MemberModel>;
  required?: string[];
  member?: { shape: string };
  key?: { shape: string };
  value?: { shape: string };
  enum?: string[];
  pattern?: string;
  min?: number;
  max?: number;
  union?: boolean;
  error?: { httpStatusCode: number };
}

/** The model is copied into this package so tests and CI never depend on a path outside the repo. */
export function loadServiceModel(): ServiceModel {
  return serviceModelJson as unknown as ServiceModel;
}

export function enumValues(model: ServiceModel, shapeName: string): string[] {
  const values = model.shapes[shapeName]?.enum;
  if (!values) {
    throw new Error(`Shape ${shapeName} is not an enum in the DRS model`);
  }
  return values;
}
