import { Counter, Histogram, metrics } from '@opentelemetry/api';

export interface EngineMetrics {
  cycleDuration: Histogram;
  activeExecutions: Histogram;
  drsCalls: Counter;
  drsErrors: Counter;
  transitions: Counter;
  failures: Counter;
}

/** Engine metrics, exported by whatever OpenTelemetry SDK the Backstage operator installs. */
export function createEngineMetrics(): EngineMetrics {
  const meter = metrics.getMeter('drs-orchestration');
  return {
    cycleDuration: meter.createHistogram('drs.engine.cycle.duration', {
      description: 'Duration of one engine cycle',
      unit: 's',
    }),
    activeExecutions: meter.createHistogram('drs.engine.executions.active', {
      description: 'Executions the engine visited in a cycle',
    }),
    drsCalls: meter.createCounter('drs.engine.drs.calls', {
      description: 'Calls to the DRS API, by operation',
    }),
    drsErrors: meter.createCounter('drs.engine.drs.errors', {
      description:
        'Failed DRS calls, by error name (ThrottlingException counts throttles)',
    }),
    transitions: meter.createCounter('drs.engine.transitions', {
      description: 'Status transitions, by scope and target status',
    }),
    failures: meter.createCounter('drs.engine.executions.failed', {
      description: 'Executions that ended FAILED or TIMED_OUT',
    }),
  };
}
