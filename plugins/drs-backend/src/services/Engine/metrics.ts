import { Counter, Histogram, metrics } from '@opentelemetry/api';

export interface EngineMetrics {
  cycleDuration: Histogram;
  activeExecutions: Histogram;
  drsCalls: Counter;
  drsErrors: Counter;
  ssmCalls: Counter;
  ssmErrors: Counter;
  ec2Calls: Counter;
  ec2Errors: Counter;
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
    ssmCalls: meter.createCounter('drs.engine.ssm.calls', {
      description: 'Calls to the SSM Automation API, by operation',
    }),
    ssmErrors: meter.createCounter('drs.engine.ssm.errors', {
      description: 'Failed SSM Automation calls, by error name',
    }),
    ec2Calls: meter.createCounter('drs.engine.ec2.calls', {
      description: 'Calls to the EC2 API (status checks), by operation',
    }),
    ec2Errors: meter.createCounter('drs.engine.ec2.errors', {
      description: 'Failed EC2 calls, by error name',
    }),
    transitions: meter.createCounter('drs.engine.transitions', {
      description: 'Status transitions, by scope and target status',
    }),
    failures: meter.createCounter('drs.engine.executions.failed', {
      description: 'Executions that ended FAILED or TIMED_OUT',
    }),
  };
}
