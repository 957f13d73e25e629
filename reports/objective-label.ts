// How an objective is named in tables and JUnit cases ("RPO ≤ 1h (all)"), on its own so
// that `run` names its verdicts without loading the sweep statistics (issue 16).

/** "RPO ≤ 1h (all)": an objective as people write it. */
export function objectiveLabel(metric: string, scope: string, targetSeconds: number): string {
  return `${metric.toUpperCase()} ≤ ${formatTarget(targetSeconds)} (${scope})`;
}

// A count of one unit up to this reads at a glance ("90m", "36h"); from it on, parts do
// ("1d 1h 32m", not "1532m"). A readability choice, not a model figure.
const MAX_COUNT = 100;

/**
 * A target duration in its largest whole unit while that reads well (86400 → "1d", 5400 →
 * "90m", 45 → "45s"), else exactly in parts (91920 → "1d 1h 32m"), to the tenth of a second.
 */
export function formatTarget(seconds: number): string {
  const units = [
    ['d', 86_400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ] as const;
  for (const [unit, size] of units)
    if (seconds >= size && seconds % size === 0 && seconds / size < MAX_COUNT)
      return `${seconds / size}${unit}`;
  if (seconds < MAX_COUNT) return `${seconds}s`;
  // In tenths of a second first, so 3599.96 s is "1h", never "59m 60s".
  let tenths = Math.round(seconds * 10);
  const parts: string[] = [];
  for (const [unit, size] of units) {
    const n = Math.floor(tenths / (size * 10));
    tenths -= n * size * 10;
    const shown = unit === 's' ? n + tenths / 10 : n;
    if (shown > 0) parts.push(`${shown}${unit}`);
  }
  return parts.join(' ');
}
