#!/usr/bin/env node
// The `vaultsim` executable: hands the arguments to runCli and exits with its code.
// process.exitCode (not process.exit) lets piped output drain before the process ends.

import { runCli } from './program.js';

// A reader that stops early (`vaultsim schema | head`) closes the pipe: that is not an
// error worth a stack trace, so stop quietly as other Unix tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
});
