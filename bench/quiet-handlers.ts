/**
 * Imported first by bench/run.ts: the handlers the benches run in process would print a Powertools
 * metrics line per case (`CaseOpened`, `TaskCompleted`, …) and their log lines between the figures.
 * Keep them out of the bench's output unless the caller set the variables (as the tests do in
 * vitest.config.ts).
 */
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
