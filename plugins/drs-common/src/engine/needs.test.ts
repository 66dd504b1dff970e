import { observationNeeds } from './needs';
import { recordObservationError } from './records';
import {
  at,
  deepFreeze,
  job,
  makeExecution,
  noObservations,
  observe,
  step,
  stepAndLaunch,
  waveJob,
  NO_NEEDS,
} from './__testUtils__/fixtures';

const plan = () =>
  makeExecution([
    { name: 'db', servers: ['s-db1', 's-db2'] },
    { name: 'web', servers: ['s-web1'] },
  ]);

describe('observationNeeds', () => {
  it('needs nothing for an execution that has not started', () => {
    expect(observationNeeds(plan())).toEqual({
      ...NO_NEEDS,
      jobIds: [],
      sourceServerIdsNeedingInstances: [],
    });
  });

  it('needs the servers but no job while a wave has an intent and no job ID', () => {
    const intent = step(plan(), noObservations(), at(0)).execution;
    expect(observationNeeds(intent)).toEqual({
      ...NO_NEEDS,
      jobIds: [],
      sourceServerIdsNeedingInstances: ['s-db1', 's-db2'],
    });
  });

  it('needs the job of a running wave and its servers not yet failed', () => {
    const { execution } = stepAndLaunch(plan(), noObservations(), at(0));
    const oneFailed = step(
      execution,
      observe([
        job('job-db', 'STARTED', { 's-db1': 'LAUNCHED', 's-db2': 'FAILED' }),
      ]),
      at(30),
    ).execution;
    expect(observationNeeds(oneFailed)).toEqual({
      ...NO_NEEDS,
      jobIds: ['job-db'],
      sourceServerIdsNeedingInstances: ['s-db1'],
    });
  });

  it('stops observing a finished execution', () => {
    const single = makeExecution(
      [{ name: 'db', servers: ['s-db1'], waitFor: 'HEALTHY' }],
      { timeoutAt: at(100).toISOString() },
    );
    const { execution } = stepAndLaunch(single, noObservations(), at(0));
    const launched = step(
      execution,
      observe([waveJob(execution, 'db', 'COMPLETED', 'LAUNCHED')]),
      at(30),
    ).execution;
    expect(observationNeeds(launched).sourceServerIdsNeedingInstances).toEqual([
      's-db1',
    ]);
    const timedOut = step(launched, noObservations(), at(200)).execution;
    expect(timedOut.status).toBe('TIMED_OUT');
    expect(observationNeeds(timedOut)).toEqual({
      ...NO_NEEDS,
      jobIds: [],
      sourceServerIdsNeedingInstances: [],
    });
  });
});

describe('recordObservationError', () => {
  it('changes only the polling metadata', () => {
    const execution = deepFreeze(
      step(plan(), noObservations(), at(0)).execution,
    );
    const next = recordObservationError(
      execution,
      'ThrottlingException',
      at(5),
    );
    expect(next).toEqual({
      ...execution,
      polling: {
        ...execution.polling,
        lastError: 'ThrottlingException',
        lastErrorAt: at(5).toISOString(),
      },
    });
  });
});
