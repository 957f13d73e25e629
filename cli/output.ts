// Writing one output file a user named (--out, --junit): a path that cannot be written is
// the user's to fix (exit 2), not a crash. The file is written under a temporary name and
// renamed into place (cli/atomic-file.ts), so it is never seen half-written.

import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { AtomicFile, writeFileAtomic } from './atomic-file.js';
import { InputError } from './errors.js';

/** Writes `text` to `shown` (relative to `cwd`) and says so on `stderr`; throws InputError when it cannot. */
export function writeOutput(
  cwd: string,
  option: string,
  shown: string,
  text: string,
  stderr: { write(text: string): unknown },
  note = '',
): void {
  writeFileAtomic(resolve(cwd, shown), `${option} ${shown}`, text);
  stderr.write(`wrote ${shown}${note}\n`);
}

/**
 * Proves, before a long simulation, that `shown` can be written later: its folder takes a
 * file, and the name is not a directory. Throws InputError (IoError) naming `option` when not.
 */
export function checkWritable(cwd: string, option: string, shown: string): void {
  const path = resolve(cwd, shown);
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    // Not there yet: the probe below says whether it can be.
  }
  if (isDir) throw new InputError(`cannot write ${option} ${shown}: it is a directory.`);
  new AtomicFile(path, `${option} ${shown}`).discard();
}
