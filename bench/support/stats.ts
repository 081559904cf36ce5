/** Percentiles of a list of durations (ms), nearest-rank. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function summary(durationsMs: readonly number[]): { n: number; p50: number; p99: number; max: number; mean: number } {
  const sorted = [...durationsMs].sort((a, b) => a - b);
  const mean = sorted.reduce((s, x) => s + x, 0) / (sorted.length || 1);
  return { n: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN, mean };
}

export const ms = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : '–');

export function mib(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(0);
}
