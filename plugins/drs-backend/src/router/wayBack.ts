import Router from 'express-promise-router';
import { z } from 'zod';
import { ExecutionService } from '../services/ExecutionService/types';
import { parseInput, parseQuery } from '../validation';
import { principalRef } from './access';
import { authorizedControl } from './executionAccess';
import { RouteAccess } from './types';

const emptyBody = z.object({}).strict();
const failbackBody = z
  .object({
    confirmation: z
      .string({
        required_error:
          "type the plan's name to confirm: a failback launches production instances in the original region",
      })
      .max(200),
  })
  .strict();

/**
 * The way back from a recovery: reverse replication of a completed RECOVERY (or, to re-protect,
 * of a completed FAILBACK), and the FAILBACK of a recovery whose reversed servers replicate
 * CONTINUOUS. Both need the recovery permission as well as the control permission.
 */
export function wayBackRoutes(
  executions: ExecutionService,
  access: RouteAccess,
) {
  const router = Router();

  router.post(
    '/executions/:executionId/reverse-replication',
    async (req, res) => {
      parseQuery(req.query);
      parseInput(emptyBody, req.body ?? {}, 'reverse replication request');
      const { execution, credentials } = await authorizedControl(
        executions,
        access,
        req,
        true,
      );
      const updated = await access.audited(
        req,
        'execution-reverse-replication',
        { entityRef: execution.entityRef, executionId: execution.executionId },
        () =>
          executions.control(
            execution.executionId,
            { action: 'reverse-replication' },
            principalRef(credentials),
          ),
      );
      res.status(202).json(updated);
    },
  );

  router.post('/executions/:executionId/failback', async (req, res) => {
    parseQuery(req.query);
    const { confirmation } = parseInput(
      failbackBody,
      req.body ?? {},
      'failback request',
    );
    const { execution, credentials } = await authorizedControl(
      executions,
      access,
      req,
      true,
    );
    const { execution: failback } = await access.audited(
      req,
      'failback-start',
      { entityRef: execution.entityRef, executionId: execution.executionId },
      () =>
        executions.failback(execution.executionId, {
          by: principalRef(credentials),
          confirmation,
        }),
    );
    res.status(202).json(failback);
  });

  return router;
}
