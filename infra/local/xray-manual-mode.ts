/**
 * Imported first by whatever runs the system on one machine (local-system.ts, the benches; the tests set
 * it in vitest.config.ts). The X-Ray SDK under Powertools' tracer starts, on import, in "automatic mode":
 * a cls-hooked namespace whose async hook runs on the creation and destruction of every promise in the
 * process, even with the tracer off — locally 4–5% of the CPU of a busy workflow run (`--cpu-prof`,
 * registerDestroyHook and the hook's callbacks). Off Lambda the tracer is off (there is no X-Ray daemon),
 * so manual mode changes nothing but that cost. Lambda's environment never sets it.
 */
process.env.AWS_XRAY_MANUAL_MODE ??= 'true';
