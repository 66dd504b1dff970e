// A throwaway PostgreSQL from Debian's `postgresql` package: a fresh cluster in a temp dir,
// listening on loopback only, removed when stopped.
import { execFile, execFileSync, spawn } from 'node:child_process';
import {
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { stopProcessGroup } from '../processes.mjs';

const POSTGRES_VERSIONS_DIR = '/usr/lib/postgresql';
const STARTUP_TIMEOUT_MS = 30_000;

/** The newest installed server's bin directory, e.g. /usr/lib/postgresql/15/bin. */
function postgresBinDir() {
  const versions = existsSync(POSTGRES_VERSIONS_DIR)
    ? readdirSync(POSTGRES_VERSIONS_DIR)
        .filter(version =>
          existsSync(join(POSTGRES_VERSIONS_DIR, version, 'bin', 'postgres')),
        )
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error(
      `PostgreSQL is not installed (no ${POSTGRES_VERSIONS_DIR}/*/bin/postgres): apt-get install postgresql`,
    );
  }
  return join(POSTGRES_VERSIONS_DIR, versions[0], 'bin');
}

/** PostgreSQL refuses to run as root: as root, run it as the `postgres` OS user the package creates. */
function postgresUser() {
  if (process.getuid() !== 0) return {};
  const id = flag =>
    Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  return { uid: id('-u'), gid: id('-g') };
}

/**
 * Creates a cluster in a new temp dir and starts it on 127.0.0.1:`port` (socket in that dir too,
 * so nothing touches /var/run/postgresql). Durability is off: the data lives as long as the test.
 */
export async function startPostgres({ port }) {
  const bin = postgresBinDir();
  const user = postgresUser();
  const dir = mkdtempSync(join(tmpdir(), 'drs-replicas-postgres-'));
  if (user.uid !== undefined) chownSync(dir, user.uid, user.gid);
  const dataDir = join(dir, 'data');
  const log = [];
  let server;

  const stop = async () => {
    // SIGINT is PostgreSQL's fast shutdown: it ends client sessions instead of waiting for them.
    if (server) await stopProcessGroup(server.pid, { signal: 'SIGINT' });
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    await promisify(execFile)(
      join(bin, 'initdb'),
      [
        '-D',
        dataDir,
        '-U',
        'postgres',
        '--auth=trust',
        '--encoding=UTF8',
        '--no-locale',
        '--no-sync',
      ],
      user,
    );
    server = spawn(
      join(bin, 'postgres'),
      [
        '-D',
        dataDir,
        '-h',
        '127.0.0.1',
        '-p',
        String(port),
        '-k',
        dir,
        '-c',
        'fsync=off',
        '-c',
        'synchronous_commit=off',
        '-c',
        'full_page_writes=off',
        // each replica opens a connection pool per plugin database
        '-c',
        'max_connections=300',
      ],
      { ...user, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
    );
    for (const stream of [server.stdout, server.stderr]) {
      stream.on('data', chunk => log.push(chunk.toString()));
    }
    await waitUntilAccepting(port, server);
  } catch (error) {
    await stop();
    throw new Error(
      `PostgreSQL did not start: ${error.message}\n${log.join('')}`,
    );
  }
  return { stop };
}

async function waitUntilAccepting(port, server) {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  for (;;) {
    if (server.exitCode !== null)
      throw new Error(`postgres exited with code ${server.exitCode}`);
    const client = new pg.Client({
      host: '127.0.0.1',
      port,
      user: 'postgres',
      database: 'postgres',
    });
    try {
      await client.connect();
      return;
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(
          `not accepting connections after ${STARTUP_TIMEOUT_MS / 1000} s: ${
            error.message
          }`,
        );
    } finally {
      await client.end().catch(() => {});
    }
    await new Promise(resolve => setTimeout(resolve, 200));
  }
}
