import { ChildProcess, spawn } from 'child_process';
import { resolve } from 'path';

const BIN = resolve(__dirname, '../bin/drs-simulator');
const EXAMPLE = resolve(__dirname, '../../../examples/drs-inventory.yaml');

/** Runs the CLI until it prints its endpoint (or exits), within a bounded time. */
function run(args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: 'pipe' });
  let output = '';
  const ready = new Promise<{ endpoint?: string; code?: number | null }>(
    (done, fail) => {
      const timer = setTimeout(
        () => fail(new Error(`CLI timed out: ${output}`)),
        20_000,
      );
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = output.match(/listening on (http:\/\/\S+)/);
        if (match) {
          clearTimeout(timer);
          done({ endpoint: match[1] });
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.on('exit', code => {
        clearTimeout(timer);
        done({ code });
      });
    },
  );
  return { child, ready, output: () => output };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise(done => {
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}

describe('bin/drs-simulator', () => {
  // Starting Node with the TypeScript transform takes a moment on a busy machine.
  jest.setTimeout(30_000);

  it('serves the example inventory and its control API', async () => {
    const cli = run([
      ...['--port', '0', '--inventory', EXAMPLE, '--speed', '20'],
      ...['--dynamodb-endpoint', 'http://127.0.0.1:4567'],
    ]);
    try {
      const { endpoint } = await cli.ready;
      expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const state = await (await fetch(`${endpoint}/_sim/state`)).json();
      expect(state.speed).toBe(20);
      expect(state.accounts.length).toBeGreaterThan(0);
    } finally {
      await stop(cli.child);
    }
  });

  it('explains what is wrong with its arguments', async () => {
    const cli = run(['--port', '0']);
    const { code } = await cli.ready;
    expect(code).toBe(2);
    expect(cli.output()).toContain('--inventory is required');
  });
});
