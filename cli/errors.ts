// The CLI's named errors and the one place they become exit codes (STYLE.md §10). A
// command throws one of these for a problem the user can fix; anything else that
// escapes is a bug in vaultsim and is reported as one, with its stack.

import { CommanderError } from 'commander';
import { packageInfo } from './package-info.js';

/** The exit codes vaultsim promises, for scripts and CI. */
export const EXIT = {
  ok: 0,
  /** The run finished but an objective (RPO, RTO, …) was not met. */
  objectiveFailed: 1,
  /** The input was wrong: a bad scenario, a bad option, a file in the way. */
  badInput: 2,
  /** vaultsim itself failed: a bug. */
  internal: 3,
  /** `vaultsim bench`: a figure crossed its --threshold, in the run and in its confirmation run. */
  thresholdCrossed: 4,
} as const;

/** A problem with what the user asked for (arguments, files); printed without a stack. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/**
 * A file or folder vaultsim could not read or write (a full disk, a read-only folder, a
 * directory where a file should go): bad input (exit 2), named by the path as the user
 * typed it and the system's reason, never a stack trace.
 */
export class IoError extends InputError {
  /** `action` is what failed ("write", "create", …), `shown` the path as the user sees it. */
  constructor(action: string, shown: string, cause: unknown) {
    super(`cannot ${action} ${shown}: ${ioReason(cause)}.`, { cause });
  }
}

/** The system's reason for a failed file operation, as "no space left on device (ENOSPC)". */
export function ioReason(error: unknown): string {
  const e = error as Partial<NodeJS.ErrnoException> | null;
  const message = typeof e?.message === 'string' ? e.message : String(error);
  // Node words a system error "ENOSPC: no space left on device, write"; keep the middle.
  const said = /^[A-Z0-9_]+: ([^,]+)/.exec(message)?.[1] ?? message;
  return typeof e?.code === 'string' && said !== e.code ? `${said} (${e.code})` : said;
}

/** A run whose objectives were not met; the command has already printed the evidence. */
export class ObjectiveFailedError extends Error {
  override readonly name = 'ObjectiveFailedError';
}

/** Where the top-level catch writes. */
export interface ErrorSink {
  write(text: string): unknown;
}

/** Maps anything a command threw to an exit code, writing the message the user needs. */
export function reportError(error: unknown, stderr: ErrorSink): number {
  if (error instanceof CommanderError) {
    // Commander has printed its own message (or the help / version it was asked for).
    return error.exitCode === 0 ? EXIT.ok : EXIT.badInput;
  }
  if (error instanceof InputError) {
    stderr.write(`vaultsim: ${error.message}\n`);
    return EXIT.badInput;
  }
  if (error instanceof ObjectiveFailedError) {
    stderr.write(`vaultsim: ${error.message}\n`);
    return EXIT.objectiveFailed;
  }
  // A system error that escaped a command (it has a syscall and a path) is still a file the
  // user can fix, not a bug: exit 2 with the path and the reason (issue 21).
  const sys = error as Partial<NodeJS.ErrnoException> | null;
  if (typeof sys?.syscall === 'string' && typeof sys.code === 'string' && typeof sys.path === 'string') {
    stderr.write(`vaultsim: ${new IoError(sys.syscall, sys.path, error).message}\n`);
    return EXIT.badInput;
  }
  const stack = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  const bugs = packageInfo()?.bugs;
  stderr.write(
    `vaultsim: internal error (a bug in vaultsim, not in your input)\n${stack}\n` +
      `Please report it${bugs ? ` at ${bugs}` : ''} with the scenario file and the seed you ran, so it can be replayed.\n`,
  );
  return EXIT.internal;
}
