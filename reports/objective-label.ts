// How an objective is named in tables and JUnit cases ("RPO ≤ 1h (all)"), on its own so
// that `run` names its verdicts without loading the sweep statistics (issue 16).

/** "RPO ≤ 1h (all)": an objective as people write it. */
export function objectiveLabel(metric: string, scope: string, targetSeconds: number): string {
  return `${metric.toUpperCase()} ≤ ${formatTarget(targetSeconds)} (${scope})`;
}

/**
 * A target duration in its largest whole unit while that reads well (86400 → "1d", 5400 →
 * "90m", 45 → "45s"), else exactly in parts (91920 → "1d 1h 32m", not "1532m").
 */
export function formatTarget(seconds: number): string {
  const units = [
    ['d', 86_400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ] as const;
  for (const [unit, size] of units)
    if (seconds >= size && seconds % size === 0 && seconds / size < 100) return `${seconds / size}${unit}`;
  if (seconds < 100) return `${seconds}s`;
  const parts: string[] = [];
  let rest = seconds;
  for (const [unit, size] of units) {
    const n = unit === 's' ? Math.round(rest * 10) / 10 : Math.floor(rest / size);
    if (n > 0) parts.push(`${n}${unit}`);
    rest -= unit === 's' ? rest : n * size;
  }
  return parts.join(' ');
}
