/**
 * How Powertools (logs, metrics) prints on one machine, set before any handler module loads: log
 * lines indented for reading, metrics printed as the embedded-metric JSON CloudWatch would ingest.
 * Any of these can be overridden from the shell; the tracer stays off (there is no X-Ray daemon).
 */
const defaults = {
  POWERTOOLS_DEV: 'true',
  POWERTOOLS_LOG_LEVEL: 'INFO',
  POWERTOOLS_METRICS_DISABLED: 'false',
  POWERTOOLS_TRACE_ENABLED: 'false',
};
for (const [name, value] of Object.entries(defaults)) process.env[name] ??= value;
