// A progress bar on stderr for long runs. The models only report the fraction done
// (SimulateOptions.onProgress, once per simulated day); the CLI decides whether anyone
// should see it: only on a terminal, not with --quiet, and only once a run has taken more
// than a second, so short runs and piped or CI output never show a bar. The ETA is the
// time so far scaled by what is left (issue 21: never NaN or ∞; "…" until there is a rate).

import { createRequire } from 'node:module';

type CliProgress = typeof import('cli-progress');

/** Where the bar draws: a writable stream, which cli-progress only draws on when it is a TTY. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** A progress reporter: told the fraction done (0–1), then stopped exactly once. */
export interface Progress {
  update(fraction: number): void;
  stop(): void;
}

/** Options of a progress reporter. */
export interface ProgressOptions {
  /** --quiet: never draw. */
  quiet: boolean;
  /** Text before the bar, e.g. the scenario's name. */
  label: string;
  /** Milliseconds before the bar appears (default 1000). */
  delayMs?: number;
  /** The clock, in ms (default Date.now); tests inject one. */
  now?: () => number;
  /** Builds the bar (default: a cli-progress SingleBar on `stream`); tests inject one. */
  makeBar?: (stream: ProgressStream, label: string) => Bar;
}

/** The part of a cli-progress bar the reporter uses; `payload.eta` fills the bar's ETA. */
export interface Bar {
  start(total: number, value: number, payload?: { eta: string }): void;
  update(value: number, payload?: { eta: string }): void;
  stop(): void;
}

/** "ETA 2m 05s" for a task `fraction` done after `elapsedMs`; "ETA …" before any rate is known. */
export function etaText(elapsedMs: number, fraction: number): string {
  if (!(fraction > 0) || !(elapsedMs > 0) || !Number.isFinite(elapsedMs)) return 'ETA …';
  if (fraction >= 1) return 'ETA 0s';
  return `ETA ${formatDuration((elapsedMs * (1 - fraction)) / fraction)}`;
}

/** A wall-clock duration as people read it: "12s", "3m 05s", "2h 07m", "3d 04h", "over 99d". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  // A rate measured in the first instants can promise centuries: say so, without the digits.
  if (!(s < 100 * 86_400)) return 'over 99d';
  const pad = (n: number) => String(n).padStart(2, '0');
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${pad(s % 60)}s`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ${pad(Math.floor(s / 60) % 60)}m`;
  return `${Math.floor(s / 86_400)}d ${pad(Math.floor(s / 3600) % 24)}h`;
}

const SILENT: Progress = { update: () => {}, stop: () => {} };
// The bar counts in permille: smooth enough, and a whole number for cli-progress.
const TOTAL = 1000;

/** A progress reporter on `stream`: silent unless it is a TTY, --quiet is off, and the run outlasts the delay. */
export function createProgress(stream: ProgressStream, options: ProgressOptions): Progress {
  if (options.quiet || stream.isTTY !== true) return SILENT;
  const now = options.now ?? Date.now;
  const delay = options.delayMs ?? 1000;
  const started = now();
  const makeBar = options.makeBar ?? defaultBar;
  let bar: Bar | null = null;
  let stopped = false;
  return {
    update(fraction) {
      if (stopped) return;
      const clamped = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
      const value = Math.round(clamped * TOTAL);
      const elapsed = now() - started;
      if (bar === null) {
        if (elapsed < delay || value >= TOTAL) return;
        bar = makeBar(stream, options.label);
        bar.start(TOTAL, value, { eta: etaText(elapsed, clamped) });
        return;
      }
      bar.update(value, { eta: etaText(elapsed, clamped) });
    },
    stop() {
      if (stopped) return;
      stopped = true;
      bar?.stop();
    },
  };
}

// cli-progress (17 modules) is required only when a bar is drawn, not by every run.
function defaultBar(stream: ProgressStream, label: string): Bar {
  const cliProgress = createRequire(import.meta.url)('cli-progress') as CliProgress;
  return new cliProgress.SingleBar(
    {
      stream: stream as NodeJS.WritableStream,
      format: `${label} [{bar}] {percentage}% | {eta}`,
      barsize: 30,
      clearOnComplete: true,
      hideCursor: false,
      gracefulExit: true,
      fps: 10,
    },
    cliProgress.Presets.shades_classic,
  );
}

/** A one-line replication counter on a terminal ("\r"-rewritten, erased at the end); silent elsewhere. */
export interface ReplicationProgress {
  update(done: number, total: number): void;
  end(): void;
}

/**
 * Replication progress for compare and sweep: `label: 57/1000 replications (5.7%), ETA 2m 10s`.
 * It is drawn as replications finish and redrawn every second, so a sweep whose first
 * replications are slow shows within a second that it is alive; `now` is the clock (tests
 * inject one).
 */
export function replicationProgress(
  stream: ProgressStream,
  label: string,
  now: () => number = Date.now,
): ReplicationProgress {
  if (stream.isTTY !== true) return { update: () => {}, end: () => {} };
  const started = now();
  let done = 0;
  let total = 0;
  let shown = false;
  let drawn = Number.NEGATIVE_INFINITY;
  const draw = () => {
    shown = true;
    drawn = now();
    const fraction = total > 0 ? done / total : 0;
    const percent = total > 0 ? ` (${(fraction * 100).toFixed(1)}%)` : '';
    stream.write(
      `\r\x1b[2K${label}: ${done}/${total} replications${percent}, ${etaText(now() - started, fraction)}`,
    );
  };
  // unref: the timer never keeps the process alive on its own.
  const timer = setInterval(draw, 1000);
  timer.unref();
  return {
    update(d, n) {
      done = d;
      total = n;
      // At most ten draws a second, however fast replications finish, and always the last.
      if (n === d || now() - drawn >= 100) draw();
    },
    end() {
      clearInterval(timer);
      if (shown) stream.write('\r\x1b[2K');
    },
  };
}
