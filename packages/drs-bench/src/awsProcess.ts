import type {
  SimulatorCallLog,
  SimulatorOptions,
} from '@drs-orchestration/drs-simulator';
import { ChildProcess, fork } from 'child_process';

/** A DRS simulator with a manual clock, in the local AWS process. */
export type SimulatorSpec = Omit<SimulatorOptions, 'host' | 'port' | 'clock'>;

export type AwsProcessRequest = {
  type: 'simulator';
  id: number;
  simulator: SimulatorSpec;
};
export type AwsProcessReply =
  | { dynamodbEndpoint: string }
  | { id: number; endpoint: string }
  | { id: number; error: string };

/** A simulator in the local AWS process, driven through its control API. */
export interface SimulatorClient {
  endpoint: string;
  /** Moves simulated time; every job event due is applied before this resolves. */
  advance(seconds: number): Promise<void>;
  /** The simulator's call log: calls by operation, and the faults it injected. */
  calls(): Promise<SimulatorCallLog>;
  /** DRS calls answered so far, by operation. */
  callsByOperation(): Promise<Record<string, number>>;
  /** DRS calls answered so far. */
  totalCalls(): Promise<number>;
}

async function controlCall(endpoint: string, route: string, body?: object) {
  const response = await fetch(`${endpoint}/_sim/${route}`, {
    method: body ? 'POST' : 'GET',
    headers: { 'content-type': 'application/json' },
    body: body && JSON.stringify(body),
  });
  if (!response.ok) {
    throw new Error(
      `Simulator ${route} answered ${
        response.status
      }: ${await response.text()}`,
    );
  }
  return response.json();
}

function simulatorClient(endpoint: string): SimulatorClient {
  const calls = (): Promise<SimulatorCallLog> => controlCall(endpoint, 'calls');
  const callsByOperation = async (): Promise<Record<string, number>> =>
    (await calls()).byOperation;
  return {
    endpoint,
    calls,
    async advance(seconds) {
      await controlCall(endpoint, 'clock/advance', { seconds });
    },
    callsByOperation,
    async totalCalls() {
      return Object.values(await callsByOperation()).reduce(
        (sum, count) => sum + count,
        0,
      );
    },
  };
}

/** Dynalite and DRS simulators in a child process (awsProcessMain.ts), on loopback. */
export async function startAwsProcess() {
  const child: ChildProcess = fork(require.resolve('./awsProcessMain'), [], {
    // The same Node options, so the child runs TypeScript through the same transform.
    execArgv: process.execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, (reply: AwsProcessReply) => void>();
  const dynamodbEndpoint = await new Promise<string>((resolve, reject) => {
    child.once('exit', code =>
      reject(new Error(`The local AWS process exited with ${code}`)),
    );
    // The transform also reports each file it compiles; those messages have neither key.
    child.on('message', (reply: AwsProcessReply) => {
      if ('dynamodbEndpoint' in reply) resolve(reply.dynamodbEndpoint);
      else if ('id' in reply) pending.get(reply.id)?.(reply);
    });
  });
  let nextId = 0;

  return {
    dynamodbEndpoint,
    async startSimulator(spec: SimulatorSpec): Promise<SimulatorClient> {
      const id = nextId++;
      const reply = await new Promise<AwsProcessReply>(resolve => {
        pending.set(id, resolve);
        const request: AwsProcessRequest = {
          type: 'simulator',
          id,
          simulator: spec,
        };
        child.send(request);
      });
      pending.delete(id);
      if ('error' in reply) throw new Error(reply.error);
      if (!('endpoint' in reply)) throw new Error('No simulator endpoint');
      return simulatorClient(reply.endpoint);
    },
    /** Disconnecting ends the child; it is killed if it has not gone within 5 s. */
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise(resolve => child.once('exit', resolve));
      child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export type AwsProcess = Awaited<ReturnType<typeof startAwsProcess>>;
