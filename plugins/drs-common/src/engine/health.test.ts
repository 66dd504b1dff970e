/*
 * The health gate of a waitFor HEALTHY wave: a server is HEALTHY when both EC2 status checks
 * of its instance are ok, within the wave's health timeout; the wave's recovery ends there.
 */
import { Execution } from '../executionTypes';
import { InstanceStatusObservation } from './types';
import { executionReport } from '../report';
import { observationNeeds } from './needs';
import * as fixtures from './__testUtils__/fixtures';

const { at, checks, instance, jobCompleted, server, wave } = fixtures;
const iso = (seconds: number) => at(seconds).toISOString();
const startedWaves = (decision: ReturnType<typeof fixtures.step>) =>
  fixtures.startWaveCommands(decision).map(c => c.waveIndex);

const gated = (waitFor: 'LAUNCHED' | 'HEALTHY', healthTimeoutSeconds = 600) =>
  fixtures.makeExecution([
    { name: 'db', servers: ['s-db1', 's-db2'], waitFor, healthTimeoutSeconds },
    { name: 'web', servers: ['s-web1'] },
  ]);

/** The execution once "db" launched at 0 s. */
const launching = (waitFor: 'LAUNCHED' | 'HEALTHY' = 'HEALTHY') =>
  fixtures.stepAndLaunch(gated(waitFor), undefined, at(0)).execution;

/** The HEALTHY wave "db" once its job completed at 30 s, its instances seen but not yet checked. */
const launchedDb = (): Execution =>
  jobCompleted(launching(), 'db', at(30), [
    instance('s-db1', 'PENDING'),
    instance('s-db2', 'PENDING'),
  ]).execution;

/** A cycle at `seconds` in which EC2 reports these status checks. */
const checked = (
  execution: Execution,
  seconds: number,
  ...statuses: InstanceStatusObservation[]
) =>
  fixtures.step(execution, fixtures.observe([], [], { statuses }), at(seconds));

describe('the health gate of a waitFor HEALTHY wave', () => {
  it('opens when the job completed: the wave stays STARTED and each server gets its deadline', () => {
    const launched = launchedDb();
    expect(wave(launched, 'db')).toMatchObject({
      status: 'STARTED',
      launchCompletedAt: iso(30),
    });
    expect(wave(launched, 'db').recoveredAt).toBeUndefined();
    expect(server(launched, 's-db1')).toMatchObject({
      status: 'LAUNCHED',
      healthDeadlineAt: iso(630),
    });
    expect(observationNeeds(launched)).toEqual({
      ...fixtures.NO_NEEDS,
      sourceServerIdsNeedingInstances: ['s-db1', 's-db2'],
      ec2InstanceIdsNeedingStatus: ['i-s-db1', 'i-s-db2'],
    });
  });

  it('calls a server HEALTHY only when both status checks are ok, and records them', () => {
    const statuses = [checks('s-db1'), checks('s-db2', 'initializing', 'ok')];
    const decision = checked(launchedDb(), 60, ...statuses);
    expect(server(decision.execution, 's-db1')).toMatchObject({
      healthyAt: iso(60),
      statusChecks: { instance: 'ok', system: 'ok', seenAt: iso(60) },
      status: 'HEALTHY',
    });
    expect(server(decision.execution, 's-db2')).toMatchObject({
      status: 'LAUNCHED',
      statusChecks: { instance: 'initializing', system: 'ok' },
    });
    expect(startedWaves(decision)).toEqual([]);
  });

  it('ignores the EC2 state: a running instance is not healthy until its checks say so', () => {
    const decision = fixtures.step(
      launchedDb(),
      fixtures.observe(
        [],
        [instance('s-db1', 'RUNNING'), instance('s-db2', 'RUNNING')],
      ),
      at(60),
    );
    expect(server(decision.execution, 's-db1').status).toBe('LAUNCHED');
  });

  it('passes once every server is healthy: the wave completes, its recovery time ends there, and the next wave starts', () => {
    const halfway = checked(launchedDb(), 60, checks('s-db1')).execution;
    const healthy = checked(halfway, 90, checks('s-db2'));
    expect(wave(healthy.execution, 'db')).toMatchObject({
      status: 'COMPLETED',
      recoveredAt: iso(90),
      endedAt: iso(90),
    });
    expect(startedWaves(healthy)).toEqual([1]);
    expect(executionReport(healthy.execution).waves[0].seconds).toBe(90);
  });

  it('fails the wave at the deadline, naming the server and the check that was not ok', () => {
    const impaired = checked(
      launchedDb(),
      60,
      checks('s-db1'),
      checks('s-db2', 'impaired', 'ok'),
    ).execution;
    expect(fixtures.step(impaired, undefined, at(629)).execution.status).toBe(
      'POLLING',
    );
    const failed = fixtures.step(impaired, undefined, at(630)).execution;
    const reason =
      'Not healthy within the 600 s health timeout: instance status check impaired (i-s-db2)';
    expect(server(failed, 's-db2')).toMatchObject({
      status: 'FAILED',
      failureReason: reason,
    });
    expect(server(failed, 's-db1').status).toBe('HEALTHY');
    expect(wave(failed, 'db').failureReason).toBe(
      `1 of 2 servers did not become healthy: s-db2.example (s-db2): ${reason}`,
    );
    expect([failed.status, wave(failed, 'web').status]).toEqual([
      'FAILED',
      'CANCELLED',
    ]);
  });

  it('says it timed out when EC2 reported no checks, or DRS no instance', () => {
    const launched = jobCompleted(launching(), 'db', at(30), [
      instance('s-db1', 'PENDING'),
    ]).execution;
    const failed = fixtures.step(launched, undefined, at(700)).execution;
    expect(server(failed, 's-db1').failureReason).toBe(
      'Not healthy within the 600 s health timeout: EC2 reported no status checks of i-s-db1',
    );
    expect(server(failed, 's-db2').failureReason).toBe(
      'Not healthy within the 600 s health timeout: DRS reported no EC2 instance for it',
    );
  });

  it('does not call a server HEALTHY while its job is still running', () => {
    const execution = launching();
    const jobRunning = fixtures.waveJob(execution, 'db', 'STARTED', 'LAUNCHED');
    const observations = fixtures.observe(
      [jobRunning],
      [instance('s-db1', 'RUNNING')],
      { statuses: [checks('s-db1')] },
    );
    const running = fixtures.step(execution, observations, at(30));
    expect(server(running.execution, 's-db1')).toMatchObject({
      status: 'LAUNCHED',
      ec2InstanceState: 'RUNNING',
    });
    expect(server(running.execution, 's-db1').statusChecks).toBeUndefined();
  });

  it('goes from LAUNCHING to HEALTHY in one cycle when the job completed and the checks are ok', () => {
    const decision = jobCompleted(
      launching(),
      'db',
      at(30),
      [instance('s-db1', 'running'), instance('s-db2', 'RUNNING')],
      { statuses: [checks('s-db1'), checks('s-db2')] },
    );
    expect(decision.transitions).toContainEqual({
      scope: 'server',
      id: 's-db1',
      from: 'LAUNCHING',
      to: 'HEALTHY',
    });
    expect(startedWaves(decision)).toEqual([1]);
  });

  it('asks to be woken at the earliest health deadline', () => {
    expect(fixtures.step(launchedDb(), undefined, at(60)).wakeAt).toBe(
      iso(630),
    );
  });

  it('cancels a wave waiting for health when the execution is cancelled', () => {
    const cancel = { by: 'ana', at: iso(40) };
    const cancelled = fixtures.step(
      { ...launchedDb(), requests: { cancel } },
      undefined,
      at(60),
    ).execution;
    expect([cancelled.status, wave(cancelled, 'db').status]).toEqual([
      'CANCELLED',
      'CANCELLED',
    ]);
    expect(wave(cancelled, 'db').failureReason).toBe('Cancelled by ana');
  });
});

describe('a waitFor LAUNCHED wave', () => {
  it('recovers at launch, starts the next wave without waiting for health, and still notes health', () => {
    const decision = jobCompleted(launching('LAUNCHED'), 'db', at(30), [
      instance('s-db1', 'PENDING'),
      instance('s-db2', 'PENDING'),
    ]);
    expect(wave(decision.execution, 'db')).toMatchObject({
      status: 'COMPLETED',
      recoveredAt: iso(30),
    });
    expect(
      server(decision.execution, 's-db1').healthDeadlineAt,
    ).toBeUndefined();
    expect(startedWaves(decision)).toEqual([1]);
    const later = checked(decision.execution, 60, checks('s-db1'));
    expect(server(later.execution, 's-db1').status).toBe('HEALTHY');
  });
});

describe('completing with HEALTHY waves', () => {
  it('completes the execution only when its last HEALTHY wave is healthy', () => {
    const single = fixtures.makeExecution([
      { name: 'db', servers: ['s-db1'], waitFor: 'HEALTHY' },
    ]);
    const launched = jobCompleted(
      fixtures.stepAndLaunch(single, undefined, at(0)).execution,
      'db',
      at(30),
      [instance('s-db1', 'RUNNING')],
    );
    expect(launched.execution.status).toBe('POLLING');
    expect(server(launched.execution, 's-db1').healthDeadlineAt).toBe(
      iso(30 + 1800),
    );
    expect(
      checked(launched.execution, 60, checks('s-db1')).execution.status,
    ).toBe('COMPLETED');
  });
});
