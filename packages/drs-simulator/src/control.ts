import { HttpRequest, HttpResponse } from './api';
import { SettingsError } from './errors';
import { InventoryError } from './inventory';
import { ReplicationUpdate, ServersReplicationUpdate } from './replication';
import { Simulation } from './simulation';

/** The control API's prefix: never a path a simulated service uses. */
export const CONTROL_PREFIX = '/_sim/';

type ControlRoute = (sim: Simulation, body: unknown) => unknown;

const ROUTES: Record<string, ControlRoute> = {
  'GET /_sim/state': sim => sim.describe(),
  'GET /_sim/calls': sim => sim.calls,
  'POST /_sim/faults': (sim, body) => ({ faults: sim.setFaults(body) }),
  'POST /_sim/clock/advance': (sim, body) => {
    const seconds = (body as { seconds?: unknown } | undefined)?.seconds;
    if (typeof seconds !== 'number') {
      throw new SettingsError('body must be {"seconds": <number>}');
    }
    sim.advance(seconds);
    return { now: new Date(sim.clock.now()).toISOString() };
  },
  'POST /_sim/reset': sim => {
    sim.reset();
    return { now: new Date(sim.clock.now()).toISOString() };
  },
  'POST /_sim/replication': (sim, body) => {
    const update = body as ReplicationUpdate | ServersReplicationUpdate;
    const servers = sim.changeReplication(update);
    // A server named alone answers as itself; a selection answers with every server it chose.
    return 'sourceServer' in update ? servers[0] : { sourceServers: servers };
  },
  'GET /_sim/ssm/documents': sim => ({
    documents: [...sim.documents.values()],
  }),
  'POST /_sim/ssm/documents': (sim, body) => ({
    documents: sim.defineAutomationDocuments(
      (body as { documents?: unknown } | undefined)?.documents,
    ),
  }),
};

/** JSON in, JSON out; a bad request answers 400 with a message saying what to send. */
export function handleControlCall(
  sim: Simulation,
  request: HttpRequest,
): HttpResponse {
  const json = { 'content-type': 'application/json' };
  const route = ROUTES[`${request.method} ${request.path}`];
  if (!route) {
    return {
      status: 404,
      headers: json,
      body: {
        message: `No control route ${request.method} ${request.path}`,
        routes: Object.keys(ROUTES),
      },
    };
  }
  try {
    const body = request.body.trim() ? JSON.parse(request.body) : undefined;
    return { status: 200, headers: json, body: route(sim, body) };
  } catch (error) {
    if (
      error instanceof SettingsError ||
      error instanceof InventoryError ||
      error instanceof SyntaxError ||
      error instanceof RangeError
    ) {
      return { status: 400, headers: json, body: { message: error.message } };
    }
    throw error;
  }
}
