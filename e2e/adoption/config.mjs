// The test's own overlay on the new app's configuration: ports of its own, so it never
// collides with `npm start` (3000, 7007, 4566, 4567), and the local stand-ins' endpoints.
import { createServer } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** The ports the READMEs use for the local stand-ins. */
export const README_PORTS = { simulator: '4566', dynamodb: '4567' };

/** Free loopback ports, one per name. */
export async function freePorts(names) {
  const servers = await Promise.all(
    names.map(
      () =>
        new Promise((resolve, reject) => {
          const server = createServer();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = Object.fromEntries(
    names.map((name, i) => [name, servers[i].address().port]),
  );
  await Promise.all(servers.map(s => new Promise(r => s.close(r))));
  return ports;
}

/** Writes the overlays; the legacy one only moves the frontend to its own port. */
export function writeOverlays(dir, ports) {
  const frontend = `http://localhost:${ports.frontend}`;
  const legacyFrontend = `http://localhost:${ports.legacyFrontend}`;
  const backend = `http://localhost:${ports.backend}`;
  const main = join(dir, 'app-config.adoption.yaml');
  writeFileSync(
    main,
    `# written by e2e/adoption: own ports, so that npm start can keep running
app:
  baseUrl: ${frontend}
backend:
  baseUrl: ${backend}
  listen:
    port: ${ports.backend}
    host: 127.0.0.1
  cors:
    origin: [${frontend}, ${legacyFrontend}]
drs:
  endpoint: http://127.0.0.1:${ports.simulator}
  dynamodb:
    endpoint: http://127.0.0.1:${ports.dynamodb}
  engine:
    initialDelaySeconds: 1
`,
  );
  const legacy = join(dir, 'app-config.adoption-legacy.yaml');
  writeFileSync(legacy, `app:\n  baseUrl: ${legacyFrontend}\n`);
  return { main, legacy };
}

/** What the READMEs' example entity and inventory say the test should see. */
export function expectations(steps) {
  const entityStep = steps.find(
    s => s.action === 'append' && s.file === 'examples/entities.yaml',
  );
  const inventoryStep = steps.find(
    s => s.action === 'append' && s.file === 'drs-inventory.yaml',
  );
  if (!entityStep || !inventoryStep)
    throw new Error(
      'the backend README has no marked example entity (examples/entities.yaml) or simulator inventory (drs-inventory.yaml)',
    );
  const entity = parseAllDocuments(entityStep.code)
    .map(d => d.toJS())
    .find(e => e?.kind === 'Component');
  const inventory = parseAllDocuments(inventoryStep.code)[0].toJS();
  const hostnames = inventory.accounts.flatMap(a =>
    a.sourceServers.map(s => s.hostname),
  );
  return { entity: entity.metadata.name, hostnames };
}
