import { mockServices } from '@backstage/backend-test-utils';
import { SignalPayload, SignalsService } from '@backstage/plugin-signals-node';
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
});
