#!/usr/bin/env node
// The `vaultsim` executable: hands the arguments to runCli and exits with its code.
// process.exitCode (not process.exit) lets piped output drain before the process ends.

import { EXIT, ioReason } from './errors.js';
import { runCli } from './program.js';

// A reader that stops early (`vaultsim schema | head`) closes the pipe: that is not an
// error worth a stack trace, so stop quietly as other Unix tools do. Standard output on a
// full disk (`> /dev/full`) is the user's to fix: exit 2 with the reason (issue 21).
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`vaultsim: cannot write to standard output: ${ioReason(error)}.\n`);
  process.exit(EXIT.badInput);
});

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
});
