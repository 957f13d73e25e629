// A progress bar on stderr for long runs. The models only report the fraction done
// (SimulateOptions.onProgress, once per simulated day); the CLI decides whether anyone
// should see it: only on a terminal, not with --quiet, and only once a run has taken more
// than a second, so short runs and piped or CI output never show a bar.

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

/** The part of a cli-progress bar the reporter uses. */
export interface Bar {
  start(total: number, value: number): void;
  update(value: number): void;
  stop(): void;
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
      const value = Math.round(Math.min(1, Math.max(0, fraction)) * TOTAL);
      if (bar === null) {
        if (now() - started < delay || value >= TOTAL) return;
        bar = makeBar(stream, options.label);
        bar.start(TOTAL, value);
        return;
      }
      bar.update(value);
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
      format: `${label} [{bar}] {percentage}% | ETA {eta_formatted}`,
      barsize: 30,
      clearOnComplete: true,
      hideCursor: false,
      gracefulExit: true,
      fps: 10,
    },
    cliProgress.Presets.shades_classic,
  );
}
