import { createRouteRef } from '@backstage/core-plugin-api';

/** The ops page. */
export const rootRouteRef = createRouteRef({ id: 'drs' });

/**
 * Where the entity tabs live under the entity page; the new frontend system mounts them
 * there, and legacy apps mount EntityDrsPlansContent and EntityDrsExecutionsContent there too.
 */
export const DR_PLANS_TAB_PATH = 'dr-plans';
export const DR_EXECUTIONS_TAB_PATH = 'dr-executions';
