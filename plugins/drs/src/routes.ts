import { createRouteRef } from '@backstage/core-plugin-api';

/** The ops page. */
export const rootRouteRef = createRouteRef({ id: 'drs' });

/**
 * Where the DR Plans tab lives under the entity page; the new frontend system mounts it
 * there, and legacy apps mount EntityDrsPlansContent there too.
 *
 * @public
 */
export const DR_PLANS_TAB_PATH = 'dr-plans';
/**
 * Where the DR Executions tab lives under the entity page; the new frontend system mounts it
 * there, and legacy apps mount EntityDrsExecutionsContent there too. Links to an execution
 * point below it.
 *
 * @public
 */
export const DR_EXECUTIONS_TAB_PATH = 'dr-executions';
