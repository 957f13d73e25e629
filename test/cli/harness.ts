// Runs the CLI in-process in a fresh temporary directory, capturing what it prints.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../cli/program.js';

/** What one CLI invocation returned and printed. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A new empty directory to run the CLI in. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'vaultsim-cli-'));
}

/** Runs `vaultsim ...argv` with `cwd` as its working directory. */
export async function runIn(cwd: string, ...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    cwd,
  });
  return { code, stdout, stderr };
}

/** Fails when text contains a stack-trace line. */
export function hasStack(text: string): boolean {
  return /^\s+at /m.test(text);
}
