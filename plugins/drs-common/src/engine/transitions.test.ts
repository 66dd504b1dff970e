import {
  DRILL_CLEANUP_STATUSES,
  DrillCleanupStatus,
  EXECUTION_STATUSES,
  isStepEnded,
  SERVER_STATUSES,
  STEP_STATUSES,
  StepStatus,
  TERMINAL_EXECUTION_STATUSES,
  WAVE_STATUSES,
} from '../statuses';
import { Execution } from '../executionTypes';
import {
  LEGAL_DRILL_CLEANUP_TRANSITIONS,
  LEGAL_EXECUTION_TRANSITIONS,
  LEGAL_SERVER_TRANSITIONS,
  LEGAL_STEP_TRANSITIONS,
  LEGAL_WAVE_TRANSITIONS,
  assertLegalTransitions,
  isLegalTransition,
  statusTransitions,
} from './transitions';
import { makeExecution } from './__testUtils__/fixtures';

const base = () => makeExecution([{ name: 'db', servers: ['s-db1', 's-db2'] }]);

function withStatuses(
  execution: Execution,
  status: Execution['status'],
  waveStatus: Execution['waves'][number]['status'],
  serverStatus: Execution['waves'][number]['servers'][number]['status'],
): Execution {
  return {
    ...execution,
    status,
    waves: execution.waves.map(wave => ({
      ...wave,
      status: waveStatus,
      servers: wave.servers.map((server, i) =>
        i === 0 ? { ...server, status: serverStatus } : server,
      ),
    })),
  };
}

describe('legal transition tables', () => {
  it('has an entry for every status', () => {
    expect(Object.keys(LEGAL_EXECUTION_TRANSITIONS).sort()).toEqual(
      [...EXECUTION_STATUSES].sort(),
    );
    expect(Object.keys(LEGAL_WAVE_TRANSITIONS).sort()).toEqual(
      [...WAVE_STATUSES].sort(),
    );
    expect(Object.keys(LEGAL_SERVER_TRANSITIONS).sort()).toEqual(
      [...SERVER_STATUSES].sort(),
    );
    expect(Object.keys(LEGAL_STEP_TRANSITIONS).sort()).toEqual(
      [...STEP_STATUSES].sort(),
    );
    expect(Object.keys(LEGAL_DRILL_CLEANUP_TRANSITIONS).sort()).toEqual(
      [...DRILL_CLEANUP_STATUSES].sort(),
    );
  });

  it('never leaves a terminal status', () => {
    for (const status of TERMINAL_EXECUTION_STATUSES) {
      expect(LEGAL_EXECUTION_TRANSITIONS[status]).toEqual([]);
    }
    expect(LEGAL_WAVE_TRANSITIONS.COMPLETED).toEqual([]);
    expect(LEGAL_WAVE_TRANSITIONS.FAILED).toEqual([]);
    expect(LEGAL_WAVE_TRANSITIONS.CANCELLED).toEqual([]);
    expect(LEGAL_SERVER_TRANSITIONS.HEALTHY).toEqual([]);
    expect(LEGAL_SERVER_TRANSITIONS.FAILED).toEqual([]);
    for (const status of STEP_STATUSES.filter(isStepEnded)) {
      expect(LEGAL_STEP_TRANSITIONS[status]).toEqual([]);
    }
    expect(LEGAL_DRILL_CLEANUP_TRANSITIONS.REQUESTED).toEqual([]);
    expect(LEGAL_DRILL_CLEANUP_TRANSITIONS.NOT_NEEDED).toEqual([]);
  });

  it('never goes back to where an execution, wave or server started', () => {
    const all = [
      ...Object.values(LEGAL_EXECUTION_TRANSITIONS),
      ...Object.values(LEGAL_WAVE_TRANSITIONS),
      ...Object.values(LEGAL_SERVER_TRANSITIONS),
    ].flat();
    expect(all).not.toContain('PENDING');
    expect(all).not.toContain('NOT_STARTED');
    expect(Object.values(LEGAL_STEP_TRANSITIONS).flat()).not.toContain(
      'PENDING',
    );
    expect(Object.values(LEGAL_DRILL_CLEANUP_TRANSITIONS).flat()).not.toContain(
      'WAITING',
    );
  });

  it('rejects an unknown status', () => {
    expect(
      isLegalTransition({
        scope: 'wave',
        id: 'db',
        from: 'RUNNING',
        to: 'COMPLETED',
      }),
    ).toBe(false);
  });
});

describe('statusTransitions', () => {
  it('lists every status change of the execution, its waves and servers', () => {
    const before = base();
    const after = withStatuses(before, 'POLLING', 'STARTED', 'LAUNCHING');
    expect(statusTransitions(before, after)).toEqual([
      { scope: 'execution', id: 'exec-1', from: 'PENDING', to: 'POLLING' },
      { scope: 'wave', id: 'db', from: 'PENDING', to: 'STARTED' },
      { scope: 'server', id: 's-db1', from: 'NOT_STARTED', to: 'LAUNCHING' },
    ]);
  });

  it('refuses versions whose waves or servers differ', () => {
    const before = base();
    expect(() => statusTransitions(before, { ...before, waves: [] })).toThrow(
      /from 1 to 0 waves/,
    );
    const renamed = {
      ...before,
      waves: [{ ...before.waves[0], name: 'database' }],
    };
    expect(() => statusTransitions(before, renamed)).toThrow(
      /changed its name or servers/,
    );
    const fewer = {
      ...before,
      waves: [
        { ...before.waves[0], servers: before.waves[0].servers.slice(1) },
      ],
    };
    expect(() => statusTransitions(before, fewer)).toThrow(
      /changed its name or servers/,
    );
  });
});

describe('transitions of steps and of a drill cleanup', () => {
  const withStep = () =>
    makeExecution(
      [
        {
          name: 'db',
          servers: ['s-db1'],
          after: [{ type: 'wait', name: 'settle', seconds: 60 }],
        },
      ],
      { drillCleanup: { keepAliveSeconds: 0, status: 'WAITING' } },
    );
  const changed = (
    before: Execution,
    stepStatus: StepStatus,
    cleanupStatus: DrillCleanupStatus = 'WAITING',
  ): Execution => ({
    ...before,
    drillCleanup: { keepAliveSeconds: 0, status: cleanupStatus },
    waves: [
      {
        ...before.waves[0],
        steps: [{ ...before.waves[0].steps![0], status: stepStatus }],
      },
    ],
  });

  it('lists them, naming a step by wave, phase and name', () => {
    const before = withStep();
    expect(
      statusTransitions(before, changed(before, 'SKIPPED', 'NOT_NEEDED')),
    ).toEqual([
      { scope: 'cleanup', id: 'exec-1', from: 'WAITING', to: 'NOT_NEEDED' },
      { scope: 'step', id: 'db/after/settle', from: 'PENDING', to: 'SKIPPED' },
    ]);
  });

  it('refuses a step that goes back, or a cleanup that starts over', () => {
    const before = changed(withStep(), 'SUCCEEDED', 'REQUESTED');
    expect(() =>
      assertLegalTransitions(before, changed(before, 'RUNNING', 'REQUESTED')),
    ).toThrow('step db/after/settle SUCCEEDED → RUNNING');
    expect(() =>
      assertLegalTransitions(before, changed(before, 'SUCCEEDED', 'WAITING')),
    ).toThrow('cleanup exec-1 REQUESTED → WAITING');
  });

  it('refuses versions whose steps or cleanup differ', () => {
    const before = withStep();
    expect(() =>
      statusTransitions(before, {
        ...before,
        waves: [{ ...before.waves[0], steps: [] }],
      }),
    ).toThrow('Wave "db" of execution exec-1 changed its steps');
    expect(() =>
      statusTransitions(before, { ...before, drillCleanup: undefined }),
    ).toThrow('Execution exec-1 gained or lost its drill cleanup');
  });
});

describe('assertLegalTransitions', () => {
  it('returns the transitions of a legal step', () => {
    const before = base();
    expect(
      assertLegalTransitions(
        before,
        withStatuses(before, 'POLLING', 'STARTED', 'LAUNCHING'),
      ),
    ).toHaveLength(3);
  });

  it.each([
    [
      'a finished execution restarting',
      withStatuses(base(), 'COMPLETED', 'COMPLETED', 'HEALTHY'),
      'POLLING',
      'COMPLETED',
      'HEALTHY',
      'execution exec-1 COMPLETED → POLLING',
    ],
    [
      'a cancelled wave restarting',
      withStatuses(base(), 'CANCELLING', 'CANCELLED', 'NOT_STARTED'),
      'CANCELLING',
      'STARTED',
      'NOT_STARTED',
      'wave db CANCELLED → STARTED',
    ],
    [
      'a wave skipping its launch',
      withStatuses(base(), 'POLLING', 'PENDING', 'NOT_STARTED'),
      'POLLING',
      'COMPLETED',
      'NOT_STARTED',
      'wave db PENDING → COMPLETED',
    ],
    [
      'a healthy server un-launching',
      withStatuses(base(), 'POLLING', 'COMPLETED', 'HEALTHY'),
      'POLLING',
      'COMPLETED',
      'LAUNCHED',
      'server s-db1 HEALTHY → LAUNCHED',
    ],
    [
      'a failed server reviving',
      withStatuses(base(), 'POLLING', 'STARTED', 'FAILED'),
      'POLLING',
      'STARTED',
      'LAUNCHED',
      'server s-db1 FAILED → LAUNCHED',
    ],
  ] as const)(
    'throws on %s',
    (_name, before, status, waveStatus, serverStatus, message) => {
      const after = withStatuses(before, status, waveStatus, serverStatus);
      expect(() => assertLegalTransitions(before, after)).toThrow(message);
    },
  );
});
