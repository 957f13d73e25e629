// How an objective is named in tables and JUnit cases ("RPO ≤ 1h (all)"), on its own so
// that `run` names its verdicts without loading the sweep statistics (issue 16).

/** "RPO ≤ 1h (all)": an objective as people write it. */
export function objectiveLabel(metric: string, scope: string, targetSeconds: number): string {
  return `${metric.toUpperCase()} ≤ ${formatTarget(targetSeconds)} (${scope})`;
}

/** A target duration in its largest whole unit: 86400 → "1d", 5400 → "90m", 45 → "45s". */
export function formatTarget(seconds: number): string {
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3600],
    ['m', 60],
  ] as const)
    if (seconds >= size && seconds % size === 0) return `${seconds / size}${unit}`;
  return `${seconds}s`;
}
