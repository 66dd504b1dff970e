import {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import { Request } from 'express';
import { DrsGateway } from '../services/DrsGateway/types';
import { PlanEvaluationStore } from '../services/DynamoStore/types';
import {
  EntityResolver,
  ResolvedEntity,
} from '../services/EntityResolver/types';
import { ExecutionService } from '../services/ExecutionService/types';
import { HealthService } from '../services/HealthService/types';
import { PlanService } from '../services/PlanService/types';
import { ReadinessOptions } from './readiness';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  entities: EntityResolver;
  gateway: DrsGateway;
  plans: PlanService;
  executions: ExecutionService;
  health: HealthService;
  /** The engine's heartbeat and settings, which `GET /health/readiness` judges. */
  readiness: ReadinessOptions;
  /** Each plan's stored evaluation, which `GET /plan-evaluations` lists. */
  evaluations?: PlanEvaluationStore;
}

export type EntityPermission = ResourcePermission<'catalog-entity'>;

/** What an entity route reads of a request, and what the caller needs to be allowed. */
export interface EntityRouteSpec<Input, Body> {
  /** The permission on the entity; it may depend on the input (a real recovery is not a drill). */
  permission: EntityPermission | ((input: Input) => EntityPermission);
  /**
   * Reads the route's own parameters, query and headers before the permission check: a
   * malformed request is a 400 whoever sends it. Without it, the route takes no query.
   */
  input?: (req: Request) => Input;
  /** Reads the body once the caller is allowed to act on the entity. */
  body?: (req: Request) => Body;
}

/** An entity route's request, read, authorised and resolved from the catalog. */
export interface EntityRequest<Input, Body> {
  entityRef: string;
  credentials: BackstageCredentials;
  entity: ResolvedEntity;
  input: Input;
  body: Body;
}

/** Who may do what, and the record of what they did. */
export interface RouteAccess {
  /** The caller's credentials: a user or a service; 401 otherwise. */
  credentials(req: Request): Promise<BackstageCredentials>;
  /** The caller's credentials if they have the permission on the entity; 403 otherwise. */
  authorize(
    req: Request,
    permission: EntityPermission,
    entityRef: string,
  ): Promise<BackstageCredentials>;
  /**
   * Reads an entity route's request in the order every entity route keeps: the entity
   * reference, the spec's input, the permission check, the body, then the entity from the
   * catalog as the caller.
   */
  entityRequest<Input = void, Body = void>(
    req: Request,
    spec: EntityRouteSpec<Input, Body>,
  ): Promise<EntityRequest<Input, Body>>;
  /** Runs a mutation as an audited event: who, what, which entity, outcome. */
  audited<T>(
    req: Request,
    eventId: string,
    meta: Record<string, string>,
    action: () => Promise<T>,
  ): Promise<T>;
}
