// Loaded with `--require` before the backend starts (see the root package.json's start
// script), so the OpenTelemetry meters that Backstage and the DRS engine create export
// somewhere: a Prometheus scrape endpoint, on loopback unless DRS_METRICS_HOST says otherwise.
// Only the main thread: Backstage runs some work in worker threads that load this file too.
const { isMainThread } = require('node:worker_threads');

if (isMainThread && process.env.DRS_METRICS_PORT !== 'off') {
  const { metrics } = require('@opentelemetry/api');
  const { PrometheusExporter } = require('@opentelemetry/exporter-prometheus');
  const { MeterProvider } = require('@opentelemetry/sdk-metrics');

  const exporter = new PrometheusExporter({
    host: process.env.DRS_METRICS_HOST ?? '127.0.0.1',
    port: Number(process.env.DRS_METRICS_PORT ?? 9464),
  });
  metrics.setGlobalMeterProvider(new MeterProvider({ readers: [exporter] }));
}
