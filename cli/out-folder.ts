// The output folder of a run (`--out`), which the run owns (issue 21). A run writes its
// files under temporary names (cli/atomic-file.ts) and commits them together, then writes
// a manifest, `.vaultsim-manifest.json`, naming what it produced (bytes and SHA-256 each).
// The next run into the same folder removes the files the earlier manifest lists that it
// does not produce itself, so no earlier scenario's alerts.csv or charts stay behind; it
// refuses (exit 2) to overwrite a file no manifest owns unless given --force.
//
//   open     create the folder, prove it writable, read the earlier manifest, clear
//            temporary files killed runs left            (before simulating)
//   expect   refuse names that would overwrite files nobody owns (before simulating, and
//            again at commit with the chart names)
//   write    each file to its temporary name
//   commit   manifest listing old ∪ new (complete: false), rename every file into place,
//            manifest listing this run's files (complete: true), remove the stale ones

import { lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { AtomicFile, isTempName, writeFileAtomic } from './atomic-file.js';
import { InputError, IoError } from './errors.js';
import { printable } from './terminal-text.js';

/** The manifest's file name in an output folder. */
export const MANIFEST = '.vaultsim-manifest.json';

/** One file a run produced. */
export interface ManifestEntry {
  name: string;
  bytes: number;
  sha256: string;
}

/** `.vaultsim-manifest.json`: the files of the run that last wrote the folder. */
export interface Manifest {
  kind: 'vaultsim-output';
  manifestVersion: 1;
  tool: { name: 'vaultsim'; version: string };
  /** The command that wrote them (run, compare). */
  command: string;
  /** false while a run is committing: the list is then the old files and the new ones. */
  complete: boolean;
  files: ManifestEntry[];
}

/** How a folder is opened: --force, and what the manifest records. */
export interface FolderOptions {
  force: boolean;
  command: string;
  version: string;
}

// A file a manifest may name: a plain name in the folder, never a path out of it.
const plainName = (name: unknown): name is string =>
  typeof name === 'string' &&
  name !== '' &&
  name !== '.' &&
  name !== '..' &&
  name !== MANIFEST &&
  basename(name) === name &&
  !/[\\/\0]/.test(name);

/** An output folder being written by one run. */
export class OutputFolder {
  private readonly staged = new Map<string, AtomicFile>();
  private committed = false;

  private constructor(
    /** The folder as the user typed it. */
    readonly shown: string,
    /** Its absolute path. */
    readonly abs: string,
    private readonly options: FolderOptions,
    /** The earlier run's files (from its manifest), by name. */
    private readonly owned: Map<string, ManifestEntry>,
  ) {}

  /** Creates the folder when missing, proves it writable and reads its manifest; IoError/InputError when it cannot. */
  static open(shown: string, cwd: string, options: FolderOptions): OutputFolder {
    const abs = resolve(cwd, shown);
    let isDir = false;
    try {
      isDir = statSync(abs).isDirectory();
      if (!isDir) throw new InputError(`--out ${shown} is a file, not a directory.`);
    } catch (error) {
      if (error instanceof InputError) throw error;
      try {
        makeDirs(abs);
      } catch (cause) {
        throw new IoError('create --out', shown, cause);
      }
    }
    for (const name of readdirSync(abs))
      if (isTempName(name) && !alive(name)) rmSync(join(abs, name), { force: true });
    // Writable now, not after an hour of simulation: write and remove a probe.
    new AtomicFile(join(abs, '.vaultsim-probe'), `into --out ${shown}`).discard();
    return new OutputFolder(shown, abs, options, readManifest(abs));
  }

  /** Refuses (InputError) when writing `names` would overwrite a file no manifest owns (unless --force) or a folder. */
  expect(names: readonly string[]): void {
    const foreign: string[] = [];
    for (const name of names) {
      let stat: ReturnType<typeof lstatSync>;
      try {
        stat = lstatSync(join(this.abs, name));
      } catch {
        continue;
      }
      if (stat.isDirectory())
        throw new InputError(
          `--out ${this.shown} has a directory ${name} where vaultsim writes a file; move it or choose another --out.`,
        );
      if (!this.owned.has(name)) foreign.push(name);
    }
    if (foreign.length === 0 || this.options.force) return;
    const shown =
      foreign.slice(0, 5).join(', ') + (foreign.length > 5 ? ` and ${foreign.length - 5} more` : '');
    throw new InputError(
      `--out ${this.shown} holds ${shown}, which no earlier vaultsim run wrote (no ${MANIFEST} lists ${foreign.length === 1 ? 'it' : 'them'}); ` +
        'choose another --out, or pass --force to replace them.',
    );
  }

  /** A file of this run, written under its temporary name until commit. */
  file(name: string): AtomicFile {
    if (this.staged.has(name)) throw new Error(`${name} written twice into ${this.shown}`);
    const file = new AtomicFile(join(this.abs, name), join(this.shown, name));
    this.staged.set(name, file);
    return file;
  }

  /** Writes a whole file of this run (under its temporary name until commit). */
  write(name: string, data: string | Uint8Array): void {
    const file = this.file(name);
    file.write(data);
    file.close();
  }

  /** Puts every file in place and updates the manifest; returns the earlier files it removed. */
  commit(): string[] {
    const names = [...this.staged.keys()].sort();
    this.expect(names);
    for (const file of this.staged.values()) file.close();
    const entries = names.map((name) => ({
      name,
      bytes: this.staged.get(name)!.bytes,
      sha256: this.staged.get(name)!.sha256(),
    }));
    // Interrupted between the renames, the folder is still owned: old and new files listed.
    const union = new Map(this.owned);
    for (const e of entries) union.set(e.name, e);
    this.writeManifest([...union.values()], false);
    for (const file of this.staged.values()) file.commit();
    this.committed = true;
    this.writeManifest(entries, true);
    const stale = [...this.owned.keys()].filter((name) => !this.staged.has(name)).sort();
    for (const name of stale) rmSync(join(this.abs, name), { force: true });
    return stale;
  }

  /** Removes this run's temporary files (a failed or interrupted run); the folder keeps its earlier files. */
  discard(): void {
    if (this.committed) return;
    for (const file of this.staged.values()) file.discard();
  }

  private writeManifest(files: ManifestEntry[], complete: boolean): void {
    const manifest: Manifest = {
      kind: 'vaultsim-output',
      manifestVersion: 1,
      tool: { name: 'vaultsim', version: this.options.version },
      command: this.options.command,
      complete,
      files: [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    };
    writeFileAtomic(
      join(this.abs, MANIFEST),
      join(this.shown, MANIFEST),
      `${JSON.stringify(manifest, null, 2)}\n`,
    );
  }
}

// The earlier run's files, from its manifest; none when there is none (or it is not one).
function readManifest(abs: string): Map<string, ManifestEntry> {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(join(abs, MANIFEST), 'utf8'));
  } catch {
    return new Map();
  }
  const m = value as Partial<Manifest> | null;
  if (m?.kind !== 'vaultsim-output' || !Array.isArray(m.files)) return new Map();
  const owned = new Map<string, ManifestEntry>();
  for (const e of m.files) if (plainName(e?.name)) owned.set(e.name, e);
  return owned;
}

// Whether the process that left a temporary file still runs (then the file is its, not litter).
function alive(tempName: string): boolean {
  const pid = Number(/(\d+)$/.exec(tempName)?.[1]);
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The line saying which files of an earlier run a commit removed from `shown` (none: no line). */
export function removedNote(shown: string, removed: readonly string[]): string[] {
  if (removed.length === 0) return [];
  const s = removed.length === 1 ? '' : 's';
  return [
    `removed ${removed.length} file${s} of an earlier run from ${shown}: ${printable(removed.join(', '))}\n`,
  ];
}

/**
 * mkdir -p, one level at a time: Node's own recursive mkdirSync never returns for a path
 * the system refuses with ENOENT while its parent exists (/proc/x), where this throws.
 */
export function makeDirs(path: string): void {
  try {
    mkdirSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' && statSync(path).isDirectory()) return;
    const parent = dirname(path);
    if (code !== 'ENOENT' || parent === path) throw error;
    makeDirs(parent);
    mkdirSync(path);
  }
}
