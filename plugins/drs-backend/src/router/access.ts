import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Request } from 'express';
import { entityRefFromParams, parseQuery } from '../validation';
import {
  EntityPermission,
  EntityRequest,
  EntityRouteSpec,
  RouteAccess,
  RouterOptions,
} from './types';

/** The path of routes about one catalog entity. */
export const ENTITY_ROUTE = '/entities/:kind/:namespace/:name';

/** Who did it, as recorded on plans and executions. */
export function principalRef(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  return principal.userEntityRef ?? principal.subject ?? principal.type;
}

export function createRouteAccess(
  options: Pick<
    RouterOptions,
    'httpAuth' | 'permissions' | 'auditor' | 'entities'
  >,
): RouteAccess {
  const { httpAuth, permissions, auditor, entities } = options;

  const credentials = (req: Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  async function authorize(
    req: Request,
    permission: EntityPermission,
    entityRef: string,
  ) {
    const caller = await credentials(req);
    const [decision] = await permissions.authorize(
      [{ permission, resourceRef: entityRef }],
      { credentials: caller },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You do not have the ${permission.name} permission for ${entityRef}`,
      );
    }
    return caller;
  }

  async function entityRequest<Input = void, Body = void>(
    req: Request,
    spec: EntityRouteSpec<Input, Body>,
  ): Promise<EntityRequest<Input, Body>> {
    const entityRef = entityRefFromParams(req.params);
    const input = spec.input ? spec.input(req) : parseQuery(req.query);
    const permission =
      typeof spec.permission === 'function'
        ? spec.permission(input)
        : spec.permission;
    const caller = await authorize(req, permission, entityRef);
    const body = spec.body?.(req) as Body;
    const entity = await entities.resolve(entityRef, caller);
    return { entityRef, credentials: caller, entity, input, body };
  }

  async function audited<T>(
    req: Request,
    eventId: string,
    meta: Record<string, string>,
    action: () => Promise<T>,
  ): Promise<T> {
    const event = await auditor.createEvent({
      eventId,
      request: req,
      severityLevel: 'medium',
      meta,
    });
    try {
      const result = await action();
      await event.success();
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }

  return { credentials, authorize, entityRequest, audited };
}
