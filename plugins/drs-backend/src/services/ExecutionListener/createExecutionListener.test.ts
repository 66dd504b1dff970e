import { mockServices } from '@backstage/backend-test-utils';
import { SignalPayload, SignalsService } from '@backstage/plugin-signals-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { DRS_SCHEDULER_PRINCIPAL } from '@drs-orchestration/plugin-drs-common';
import { storedExecution } from '../../__testUtils__/apiHarness';
import { createExecutionListener } from './createExecutionListener';

function recordingSignals() {
  const published: SignalPayload[] = [];
  const signals: SignalsService = {
    async publish(signal) {
      published.push(signal as SignalPayload);
    },
  };
  return { signals, published };
}

describe('createExecutionListener', () => {
  const execution = storedExecution({
    entityRef: 'component:default/checkout',
    status: 'POLLING',
    createdAt: new Date('2026-11-25T12:00:00Z'),
    waves: [
      {
        name: 'db',
        sourceServerIds: ['s-1'],
        status: 'STARTED',
        startedAfter: 0,
      },
    ],
  });

  it("signals a change once, on its entity's channel, which every page of the entity listens to", async () => {
    const { signals, published } = recordingSignals();
    const listener = createExecutionListener({
      signals,
      logger: mockServices.logger.mock(),
    });
    await listener.executionChanged(execution);
    expect(published).toEqual([
      {
        recipients: { type: 'broadcast' },
        channel: 'drs:entity:component:default/checkout',
        message: {
          executionId: execution.executionId,
          entityRef: 'component:default/checkout',
          status: 'POLLING',
          version: execution.version,
        },
      },
    ]);
  });

  it('logs a failed publish instead of stopping the engine', async () => {
    const logger = mockServices.logger.mock();
    const listener = createExecutionListener({
      signals: {
        async publish() {
          throw new Error('events backend unavailable');
        },
      },
      logger,
    });
    await expect(listener.executionChanged(execution)).resolves.toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('events backend unavailable'),
    );
  });

  it("tells the owners a scheduled drill's recovery time against its RTO", async () => {
    const sent: Parameters<NotificationService['send']>[0][] = [];
    const listener = createExecutionListener({
      logger: mockServices.logger.mock(),
      notifications: {
        send: async notification => {
          sent.push(notification);
        },
      },
    });
    const scheduled = {
      ...execution,
      initiatedBy: DRS_SCHEDULER_PRINCIPAL,
      status: 'COMPLETED' as const,
      startedAt: '2026-11-25T12:00:00.000Z',
      endedAt: '2026-11-25T12:20:00.000Z',
      objectives: {
        rto: { seconds: 900, iso: 'PT15M', source: 'plan' as const },
      },
    };
    await listener.executionReached(scheduled, 'COMPLETED');
    await listener.executionReached(
      {
        ...scheduled,
        objectives: {
          rto: { ...scheduled.objectives.rto, seconds: 3600, iso: 'PT1H' },
        },
      },
      'COMPLETED',
    );
    await listener.executionReached(
      { ...scheduled, status: 'FAILED', statusReason: 'Wave db failed' },
      'FAILED',
    );
    expect(sent.map(n => n.payload.description)).toEqual([
      'Scheduled drill recovered in 1200s against an RTO of PT15M (900s): breached.',
      'Scheduled drill recovered in 1200s against an RTO of PT1H (3600s): met.',
      'Scheduled drill FAILED: Wave db failed; the RTO of PT15M is not proven.',
    ]);
  });
});
