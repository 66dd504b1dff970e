import { REVERSE_REPLICATION_STATUSES } from '../statuses';
import { Execution } from '../executionTypes';
import { needsEngineAfterEnd } from './cleanup';
import { observationNeeds } from './needs';
import {
  parseSourceServerArn,
  recordReverseReplicationRefused,
  recordReverseReplicationStarted,
} from './reverseRecords';
import {
  assertLegalTransitions,
  isLegalTransition,
  LEGAL_REVERSE_REPLICATION_TRANSITIONS,
} from './transitions';
import { EngineCommand } from './types';
import { requestReverseReplication } from './wayBackRequests';
import {
  at,
  deepFreeze,
  noObservations,
  recoveryInstanceIdOf,
  requestError,
  step,
} from './__testUtils__/fixtures';
import {
  finished,
  ORIGINAL_REGION,
  replicating,
  replication,
  reversedAll,
  reversedArnOf,
  reversedIdOf,
  SERVERS,
} from './__testUtils__/wayBack';

const SRE = 'user:default/sam';

const reverseCommands = (commands: EngineCommand[]) =>
  commands.filter(c => c.type === 'REVERSE_REPLICATION');

describe('requestReverseReplication', () => {
  it('records one entry per recovery instance of a completed recovery, in wave order', () => {
    const requested = requestReverseReplication(
      deepFreeze(finished()),
      SRE,
      at(700),
    );
    expect(requested.requests.reverseReplication).toEqual({
      by: SRE,
      at: at(700).toISOString(),
      status: 'REQUESTED',
      servers: SERVERS.map(id => ({
        sourceServerId: id,
        hostname: `${id}.example`,
        recoveryInstanceId: recoveryInstanceIdOf(id),
      })),
    });
  });

  it('re-protects a completed failback the same way', () => {
    const requested = requestReverseReplication(
      finished('FAILBACK'),
      SRE,
      at(700),
    );
    expect(requested.requests.reverseReplication?.servers).toHaveLength(3);
  });

  it.each([
    [
      'a drill',
      finished('DRILL'),
      /drill's recovery instances are isolated copies/,
    ],
    [
      'a running recovery',
      finished('RECOVERY', 'POLLING'),
      /still POLLING: reverse replication starts once it is COMPLETED/,
    ],
    ['a paused recovery', finished('RECOVERY', 'PAUSED'), /still PAUSED/],
    [
      'a failed recovery',
      finished('RECOVERY', 'FAILED'),
      /ended FAILED: only a COMPLETED recovery's instances are reversed; complete a recovery first/,
    ],
    [
      'a failback still running',
      finished('FAILBACK', 'POLLING'),
      /The failback is still POLLING/,
    ],
    [
      'a cancelled failback',
      finished('FAILBACK', 'CANCELLED'),
      /start another failback from the recovery/,
    ],
  ])('refuses %s with a conflict', (_name, execution, message) => {
    expect(
      requestError(() => requestReverseReplication(execution, SRE, at(700))),
    ).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(message),
    });
  });

  it('refuses twice, whatever the first one reached but FAILED', () => {
    const requested = requestReverseReplication(finished(), SRE, at(700));
    expect(
      requestError(() => requestReverseReplication(requested, SRE, at(701)))
        .message,
    ).toBe(
      `${SRE} already asked at ${at(
        700,
      ).toISOString()} to reverse this recovery's replication (REQUESTED); it is not asked twice`,
    );
    const continuous = step(
      reversedAll(),
      replicating(...SERVERS.map(id => replication(id, 'CONTINUOUS'))),
      at(800),
    ).execution;
    expect(continuous.requests.reverseReplication?.status).toBe('CONTINUOUS');
    expect(
      requestError(() => requestReverseReplication(continuous, SRE, at(900)))
        .code,
    ).toBe('CONFLICT');
  });

  it("refuses once the recovery's instances are being terminated", () => {
    const recovery = finished();
    recovery.requests.terminate = {
      by: SRE,
      at: at(650).toISOString(),
      status: 'REQUESTED',
    };
    expect(
      requestError(() => requestReverseReplication(recovery, SRE, at(700)))
        .message,
    ).toMatch(/nothing left to reverse/);
  });

  it('refuses while DRS has not reported a recovery instance, naming the server', () => {
    const recovery = finished();
    delete recovery.waves[1].servers[0].recoveryInstanceId;
    expect(
      requestError(() => requestReverseReplication(recovery, SRE, at(700))),
    ).toMatchObject({
      code: 'CONFLICT',
      message:
        'DRS has not reported the recovery instance of s-app1 yet; try again in a minute',
    });
  });

  it('after a FAILED request, asks again only for the instances DRS refused', () => {
    const requested = requestReverseReplication(finished(), SRE, at(700));
    const intended = step(requested, noObservations(), at(710)).execution;
    const one = recordReverseReplicationStarted(
      intended,
      recoveryInstanceIdOf('s-db1'),
      reversedArnOf('s-db1'),
      at(711),
    );
    const refused = recordReverseReplicationRefused(
      one,
      recoveryInstanceIdOf('s-db2'),
      'ValidationException: not an EC2 source',
      at(712),
    );
    const failed = step(refused, noObservations(), at(720));
    expect(failed.execution.requests.reverseReplication).toMatchObject({
      status: 'FAILED',
      failureReason: `${recoveryInstanceIdOf(
        's-db2',
      )}: DRS refused to reverse its replication: ValidationException: not an EC2 source`,
    });
    // Nothing else is called once one instance was refused.
    expect(reverseCommands(failed.commands)).toEqual([]);
    expect(needsEngineAfterEnd(failed.execution)).toBe(false);

    const retried = requestReverseReplication(failed.execution, SRE, at(800));
    const retry = step(retried, noObservations(), at(810));
    expect(reverseCommands(retry.commands)).toEqual([
      expect.objectContaining({
        recoveryInstanceId: recoveryInstanceIdOf('s-db2'),
        adoptExisting: false,
      }),
      expect.objectContaining({
        recoveryInstanceId: recoveryInstanceIdOf('s-app1'),
        adoptExisting: true,
      }),
    ]);
    expect(
      retry.execution.requests.reverseReplication?.servers[0],
    ).toMatchObject({ reversedSourceServerId: reversedIdOf('s-db1') });
  });
});

describe('reverse replication lifecycle', () => {
  it('writes every intent before its call, then adopts instead of calling again', () => {
    const requested = requestReverseReplication(finished(), SRE, at(700));
    expect(needsEngineAfterEnd(requested)).toBe(true);
    const first = step(requested, noObservations(), at(710));
    expect(reverseCommands(first.commands)).toEqual(
      SERVERS.map(id => ({
        type: 'REVERSE_REPLICATION',
        sourceServerId: id,
        recoveryInstanceId: recoveryInstanceIdOf(id),
        adoptExisting: false,
      })),
    );
    expect(
      first.execution.requests.reverseReplication?.servers.map(s => s.intentAt),
    ).toEqual(SERVERS.map(() => at(710).toISOString()));
    expect(first.changed).toBe(true);

    // The answers were lost (a crash): the next cycle adopts, never a plain call.
    const second = step(first.execution, noObservations(), at(740));
    expect(
      reverseCommands(second.commands).map(c =>
        c.type === 'REVERSE_REPLICATION' ? c.adoptExisting : undefined,
      ),
    ).toEqual([true, true, true]);
    expect(
      second.execution.requests.reverseReplication?.servers[0].intentAt,
    ).toBe(at(710).toISOString());
  });

  it('records each reversed source server, and follows it until all are CONTINUOUS', () => {
    const reversed = reversedAll();
    const request = reversed.requests.reverseReplication!;
    expect(request.status).toBe('REPLICATING');
    expect(request.servers[0]).toMatchObject({
      reversedSourceServerArn: reversedArnOf('s-db1'),
      reversedSourceServerId: reversedIdOf('s-db1'),
      reversedRegion: ORIGINAL_REGION,
    });
    expect(observationNeeds(reversed).reversedServers).toEqual(
      SERVERS.map(id => ({
        sourceServerId: reversedIdOf(id),
        region: ORIGINAL_REGION,
      })),
    );
    expect(reverseCommands(step(reversed).commands)).toEqual([]);

    const syncing = step(
      reversed,
      replicating(
        replication('s-db1', 'CONTINUOUS', { lagSeconds: 2 }),
        replication('s-db2', 'INITIAL_SYNC', { progressPercent: 40 }),
        replication('s-app1', 'INITIATING'),
      ),
      at(800),
    );
    const servers = syncing.execution.requests.reverseReplication!.servers;
    expect(servers.map(s => s.replicationState)).toEqual([
      'CONTINUOUS',
      'INITIAL_SYNC',
      'INITIATING',
    ]);
    expect(servers[0]).toMatchObject({
      lagSeconds: 2,
      continuousAt: at(800).toISOString(),
    });
    expect(servers[1].progressPercent).toBe(40);
    expect(syncing.execution.requests.reverseReplication?.status).toBe(
      'REPLICATING',
    );

    const done = step(
      syncing.execution,
      replicating(
        replication('s-db2', 'CONTINUOUS'),
        replication('s-app1', 'CONTINUOUS'),
      ),
      at(900),
    );
    expect(done.execution.requests.reverseReplication).toMatchObject({
      status: 'CONTINUOUS',
      endedAt: at(900).toISOString(),
    });
    expect(
      done.execution.requests.reverseReplication?.servers[0].continuousAt,
    ).toBe(at(800).toISOString());
    expect(done.transitions).toContainEqual({
      scope: 'reverse-replication',
      id: 'exec-1',
      from: 'REPLICATING',
      to: 'CONTINUOUS',
    });
    expect(needsEngineAfterEnd(done.execution)).toBe(false);
    expect(observationNeeds(done.execution).reversedServers).toEqual([]);
    // The recovery itself stays COMPLETED throughout.
    expect(done.execution.status).toBe('COMPLETED');
  });

  it('keeps following a server that stalls, without failing the request', () => {
    const stalled = step(
      reversedAll(),
      replicating(replication('s-db1', 'STALLED')),
      at(800),
    ).execution;
    expect(stalled.requests.reverseReplication?.status).toBe('REPLICATING');
    expect(
      stalled.requests.reverseReplication?.servers[0].replicationState,
    ).toBe('STALLED');
  });

  it('does not change when DRS could not be observed', () => {
    const requested = requestReverseReplication(finished(), SRE, at(700));
    const unobserved = step(
      requested,
      { ...noObservations(), error: 'ThrottlingException' },
      at(710),
    );
    expect(reverseCommands(unobserved.commands)).toEqual([]);
    expect(
      unobserved.execution.requests.reverseReplication?.servers[0].intentAt,
    ).toBeUndefined();
  });
});

describe('reverse replication records', () => {
  it('reads region, account and ID from a source server ARN, and nothing else', () => {
    expect(parseSourceServerArn(reversedArnOf('s-db1'))).toEqual({
      region: ORIGINAL_REGION,
      accountId: '111122223333',
      sourceServerId: reversedIdOf('s-db1'),
    });
    expect(parseSourceServerArn('arn:aws:ec2:us-west-2:1:instance/i-1')).toBe(
      undefined,
    );
  });

  it('refuses an answer that is no source server ARN, or a second one', () => {
    const requested = requestReverseReplication(finished(), SRE, at(700));
    expect(() =>
      recordReverseReplicationStarted(
        requested,
        recoveryInstanceIdOf('s-db1'),
        'i-123',
        at(701),
      ),
    ).toThrow(/not a source server ARN/);
    const one = recordReverseReplicationStarted(
      requested,
      recoveryInstanceIdOf('s-db1'),
      reversedArnOf('s-db1'),
      at(701),
    );
    expect(
      recordReverseReplicationStarted(
        one,
        recoveryInstanceIdOf('s-db1'),
        reversedArnOf('s-db1'),
        at(702),
      ),
    ).toEqual(one);
    expect(() =>
      recordReverseReplicationStarted(
        one,
        recoveryInstanceIdOf('s-db1'),
        reversedArnOf('s-db2'),
        at(702),
      ),
    ).toThrow(/already reversed/);
    expect(() =>
      recordReverseReplicationRefused(
        one,
        recoveryInstanceIdOf('s-db1'),
        'late',
        at(702),
      ),
    ).toThrow(/cannot be refused now/);
    expect(() =>
      recordReverseReplicationStarted(
        one,
        'ri-unknown',
        reversedArnOf('x'),
        at(702),
      ),
    ).toThrow(/asked no reverse replication/);
  });
});

describe('reverse replication transitions', () => {
  const all = REVERSE_REPLICATION_STATUSES;
  const pairs = all.flatMap(from => all.map(to => [from, to] as const));

  it.each(pairs.filter(([from, to]) => from !== to))(
    '%s → %s is legal only if the table says so',
    (from, to) => {
      const legal = LEGAL_REVERSE_REPLICATION_TRANSITIONS[from].includes(to);
      expect(
        isLegalTransition({ scope: 'reverse-replication', id: 'x', from, to }),
      ).toBe(legal);
      // Only forward: nothing goes back to REQUESTED, nothing leaves an end.
      expect(legal).toBe(
        (from === 'REQUESTED' && to !== 'REQUESTED') ||
          (from === 'REPLICATING' && (to === 'CONTINUOUS' || to === 'FAILED')),
      );
    },
  );

  it('assertLegalTransitions stops a decision that would reopen or drop a request', () => {
    const done = step(
      reversedAll(),
      replicating(...SERVERS.map(id => replication(id, 'CONTINUOUS'))),
      at(800),
    ).execution;
    const reopened: Execution = JSON.parse(JSON.stringify(done));
    reopened.requests.reverseReplication!.status = 'REPLICATING';
    expect(() => assertLegalTransitions(done, reopened)).toThrow(
      /reverse-replication exec-1 CONTINUOUS → REPLICATING/,
    );
    const dropped: Execution = JSON.parse(JSON.stringify(done));
    delete dropped.requests.reverseReplication;
    expect(() => assertLegalTransitions(done, dropped)).toThrow(
      /lost its reverse replication request/,
    );
  });
});
