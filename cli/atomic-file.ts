// Files that are never torn (issue 21): every file vaultsim writes goes to a temporary
// name in its own folder, is flushed to disk, and only then renamed over its final name.
// A rename within one file system is atomic, so whoever looks — a reader, the next run,
// a CI step after a SIGKILL or a full disk — sees the old file, the new one, or none,
// never a part of one. A temporary file left by a killed run is hidden (a leading dot),
// names this process, and is removed by the next run into the same folder.

import { createHash } from 'node:crypto';
import {
  closeSync,
  constants,
  copyFileSync,
  fsyncSync,
  linkSync,
  openSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { IoError } from './errors.js';

/** The marker in a temporary file's name: `.summary.json.vaultsim-tmp-<pid>`. */
export const TEMP_MARK = '.vaultsim-tmp-';

/** Whether a file name is one of vaultsim's temporary files (left by a killed run). */
export const isTempName = (name: string): boolean => name.startsWith('.') && /\.vaultsim-tmp-\d+$/.test(name);

/** The temporary name `path` is written under before it is renamed into place. */
export function tempPathOf(path: string): string {
  return join(dirname(path), `.${basename(path)}${TEMP_MARK}${process.pid}`);
}

// Test seams (never set in normal use), read at each write so an in-process test can set
// them: VAULTSIM_TEST_WRITE_DELAY_MS slows every chunk written, so a test can kill a run
// while it writes; VAULTSIM_TEST_WRITE_LIMIT fails a write with ENOSPC once this process
// has written that many bytes in all, as a full disk would.
let written = 0;
const pause = new Int32Array(new SharedArrayBuffer(4));

/** Starts the VAULTSIM_TEST_WRITE_LIMIT count again (tests). */
export function resetWriteCount(): void {
  written = 0;
}

// One chunk through the seams, then to the file descriptor.
function writeChunk(fd: number, data: string | Uint8Array): void {
  const delayMs = Number(process.env.VAULTSIM_TEST_WRITE_DELAY_MS ?? 0) || 0;
  const writeLimit = Number(process.env.VAULTSIM_TEST_WRITE_LIMIT || Number.POSITIVE_INFINITY);
  if (delayMs > 0) Atomics.wait(pause, 0, 0, delayMs);
  const size = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
  if (written + size > writeLimit) {
    const error: NodeJS.ErrnoException = new Error('ENOSPC: no space left on device, write');
    error.code = 'ENOSPC';
    error.syscall = 'write';
    throw error;
  }
  written += size;
  if (typeof data === 'string') writeSync(fd, data);
  else for (let at = 0; at < data.byteLength; ) at += writeSync(fd, data, at);
}

// Data is written in pieces of this size, so a slow or full disk shows up mid-file as it would.
const CHUNK = 1 << 20;

/**
 * A file written in pieces under its temporary name; `commit` renames it into place,
 * `discard` removes it. Every failure is an IoError naming `shown` and the system's reason.
 */
export class AtomicFile {
  /** Bytes written so far. */
  bytes = 0;
  private fd: number | null;
  private readonly temp: string;
  private readonly hash = createHash('sha256');
  private digest: string | null = null;

  /** Opens the temporary file for `path` (the user sees it as `shown`). */
  constructor(
    readonly path: string,
    readonly shown: string,
  ) {
    this.temp = tempPathOf(path);
    try {
      this.fd = openSync(this.temp, 'w');
    } catch (error) {
      throw new IoError('write', shown, error);
    }
  }

  /** Appends text or bytes. */
  write(data: string | Uint8Array): void {
    if (this.fd === null) throw new Error(`${this.shown} written after it was closed`);
    try {
      // A long text is cut as bytes, not characters: a cut inside a surrogate pair would garble it.
      const bytes = typeof data === 'string' && data.length > CHUNK ? Buffer.from(data, 'utf8') : data;
      if (typeof bytes === 'string' || bytes.byteLength <= CHUNK) writeChunk(this.fd, bytes);
      else
        for (let at = 0; at < bytes.byteLength; at += CHUNK)
          writeChunk(this.fd, bytes.subarray(at, at + CHUNK));
      this.bytes += typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.byteLength;
      this.hash.update(bytes);
    } catch (error) {
      this.discard();
      throw new IoError('write', this.shown, error);
    }
  }

  /** The SHA-256 (hex) of everything written; call once writing is done. */
  sha256(): string {
    this.digest ??= this.hash.digest('hex');
    return this.digest;
  }

  /** Flushes and closes the temporary file (it stays under its temporary name). */
  close(): void {
    if (this.fd === null) return;
    const fd = this.fd;
    this.fd = null;
    try {
      // On disk before the rename: a crash after it must not leave an empty file in place.
      fsyncSync(fd);
      closeSync(fd);
    } catch (error) {
      rmSync(this.temp, { force: true });
      throw new IoError('write', this.shown, error);
    }
  }

  /** Closes the file and renames it into place; with `noClobber`, an existing file is an error. */
  commit(noClobber = false): void {
    this.close();
    try {
      if (noClobber) {
        // link() fails when the name exists, atomically: no window between a check and the write.
        // A file system without hard links gets an exclusive copy instead.
        try {
          linkSync(this.temp, this.path);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
          copyFileSync(this.temp, this.path, constants.COPYFILE_EXCL);
        }
        rmSync(this.temp, { force: true });
      } else renameSync(this.temp, this.path);
    } catch (error) {
      rmSync(this.temp, { force: true });
      throw new IoError('write', this.shown, error);
    }
  }

  /** Closes and removes the temporary file; the final name is left as it was. */
  discard(): void {
    if (this.fd !== null) {
      try {
        closeSync(this.fd);
      } catch {
        // Already failing: the removal below is what matters.
      }
      this.fd = null;
    }
    rmSync(this.temp, { force: true });
  }
}

/** Writes `data` to `path` atomically (temporary file, flush, rename); IoError naming `shown` when it cannot. */
export function writeFileAtomic(
  path: string,
  shown: string,
  data: string | Uint8Array,
  noClobber = false,
): void {
  const file = new AtomicFile(path, shown);
  file.write(data);
  file.commit(noClobber);
}
