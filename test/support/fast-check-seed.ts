// Seeds every fast-check property from FC_SEED so a CI failure can be replayed:
// `FC_SEED=<seed printed in the failure> npm test`. Without FC_SEED a fresh seed is
// drawn once per run and printed, so local runs still explore new cases.
import fc from 'fast-check';

const fromEnv = process.env.FC_SEED;
const seed =
  fromEnv !== undefined && fromEnv !== '' ? Number(fromEnv) : (Date.now() ^ (process.pid << 8)) | 0;
if (!Number.isInteger(seed)) {
  throw new Error(`FC_SEED must be an integer, got "${fromEnv}"`);
}
fc.configureGlobal({ seed, numRuns: Number(process.env.FC_RUNS ?? 100) });
// fast-check prints the seed and path of a failing property in its error; this line
// also names the run seed up front in case a test fails outside fast-check.
if (fromEnv === undefined) process.stderr.write(`[fast-check] FC_SEED=${seed}\n`);
