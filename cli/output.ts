// Writing one output file a user named (--out, --junit): a path that cannot be written is
// the user's to fix (exit 2), not a crash.

import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
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
  try {
    writeFileSync(resolve(cwd, shown), text, 'utf8');
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    throw new InputError(`cannot write ${option} ${shown}: ${e.code ?? e.message}.`);
  }
  stderr.write(`wrote ${shown}${note}\n`);
}
