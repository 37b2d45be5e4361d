/**
 * Logs, traces and metrics the AWS way (Powertools for AWS Lambda): one Logger, Tracer and Metrics
 * per process, shared by every handler module it loads. On Lambda the logger writes JSON lines with
 * the request id, cold start and X-Ray trace id, the tracer records a segment per invocation and a
 * subsegment per AWS SDK call, and metrics are flushed as CloudWatch embedded metric format.
 * Off Lambda the tracer is off, and the settings come from the same POWERTOOLS_* variables
 * (`npm start` sets POWERTOOLS_DEV for readable output; the tests set SILENT and no metrics).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { BUSINESS_METRICS, METRICS_NAMESPACE, SERVICE_NAME } from './business-metrics.ts';

export { BUSINESS_METRICS };

export const logger = new Logger({ serviceName: SERVICE_NAME });
export const tracer = new Tracer({ serviceName: SERVICE_NAME, captureHTTPsRequests: false });
export const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME });

export function countBusinessMetric(name: (typeof BUSINESS_METRICS)[keyof typeof BUSINESS_METRICS], count = 1): void {
  if (count > 0) metrics.addMetric(name, MetricUnit.Count, count);
}

/** A level rather than an event (e.g. overdue tasks now): recorded even when it is zero. */
export function gaugeBusinessMetric(
  name: (typeof BUSINESS_METRICS)[keyof typeof BUSINESS_METRICS],
  value: number,
): void {
  metrics.addMetric(name, MetricUnit.Count, value);
}

/** Values that are personal data or secrets never reach a log line, whatever key they are under. */
const SECRET_KEYS = /(e-?mail|recipient|address|phone|token|secret|password|authorization|cookie|complainant)/i;
const EMAIL = /[^\s@"<>]+@[^\s@"<>]+\.[^\s@"<>]+/g;

export function redact(value: unknown, key = ''): unknown {
  if (SECRET_KEYS.test(key) && value !== null && value !== undefined && typeof value !== 'boolean')
    return typeof value === 'number' ? value : '[redacted]';
  if (typeof value === 'string') return value.replace(EMAIL, '[email]');
  if (Array.isArray(value)) return value.map((v) => redact(v, key));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v, k)]));
  return value;
}

/**
 * The use cases' `log` port (`{ level, message, ...details }`) on the Powertools logger, with
 * personal data and secrets taken out first.
 */
export function logEntry(entry: Record<string, unknown>): void {
  const { level, message, ...details } = entry;
  const text = typeof message === 'string' ? message : 'event';
  const attributes = redact(details) as Record<string, unknown>;
  if (level === 'error') logger.error(text, attributes);
  else if (level === 'warn') logger.warn(text, attributes);
  else if (level === 'debug') logger.debug(text, attributes);
  else logger.info(text, attributes);
}
