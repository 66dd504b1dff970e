import { NotAllowedError } from '@backstage/errors';
import {
  drsExecutionControlPermission,
  drsRecoveryStartPermission,
} from '@drs-orchestration/plugin-drs-common';
import { Request } from 'express';
import { z } from 'zod';
import { ExecutionService } from '../services/ExecutionService/types';
import { parseInput, uuidSchema } from '../validation';
import { EntityPermission, RouteAccess } from './types';

const executionParams = z.object({ executionId: uuidSchema }).strict();

/** Loads an execution and checks the caller's permission on the entity that owns it. */
export async function authorizedExecution(
  executions: ExecutionService,
  access: RouteAccess,
  req: Request,
  permission: EntityPermission,
) {
  const { executionId } = parseInput(
    executionParams,
    req.params,
    'execution ID',
  );
  const execution = await executions.get(executionId);
  const credentials = await access.authorize(
    req,
    permission,
    execution.entityRef,
  );
  return { execution, credentials };
}

/**
 * Loads an execution a person asks to control. A real recovery (or failback) is controlled only
 * by those who may start one: approving the next wave of a failover is launching it. Reverse
 * replication (`recoveryOnly`) is a step of the way back: it needs that permission whatever
 * the execution's mode.
 */
export async function authorizedControl(
  executions: ExecutionService,
  access: RouteAccess,
  req: Request,
  recoveryOnly = false,
) {
  const controlled = await authorizedExecution(
    executions,
    access,
    req,
    drsExecutionControlPermission,
  );
  const { execution } = controlled;
  if (execution.mode !== 'DRILL' || recoveryOnly) {
    await access
      .authorize(req, drsRecoveryStartPermission, execution.entityRef)
      .catch(error => {
        if (!(error instanceof NotAllowedError)) throw error;
        throw new NotAllowedError(
          `${error.message}: ${
            recoveryOnly
              ? 'the way back from a recovery'
              : `controlling a ${execution.mode}`
          } needs it as well as ${drsExecutionControlPermission.name}`,
        );
      });
  }
  return controlled;
}
