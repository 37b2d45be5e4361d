/** Small helpers for benchmark scripts: timing, percentiles, memory, a progress line. */
export async function timed(work: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await work();
  return performance.now() - t0;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export const rssMiB = () => process.memoryUsage().rss / (1024 * 1024);

/** A progress line on stderr, redrawn in place on a terminal and every 10% otherwise. */
export function progress(label: string, total: number): (done: number) => void {
  let lastShown = -1;
  const started = performance.now();
  return (done) => {
    const pct = Math.floor((done / total) * 100);
    if (!process.stderr.isTTY && pct < lastShown + 10 && done !== total) return;
    if (pct === lastShown && done !== total) return;
    lastShown = pct;
    const rate = done / ((performance.now() - started) / 1000);
    const line = `  ${label} ${done.toLocaleString()}/${total.toLocaleString()} (${pct}%, ${rate.toFixed(0)}/s)`;
    process.stderr.write(process.stderr.isTTY ? `\r${line}${done === total ? '\n' : ''}` : `${line}\n`);
  };
}
