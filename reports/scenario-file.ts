// How outputs name a scenario: by its file name and the hash of its content, never by the
// path as typed, which differs between folders and machines (issue 21: the same scenario run
// from another folder must give the same bytes). The hash is computed by the caller that read
// the file (cli/: SHA-256 over its bytes); reports only write it.

/** What a report or summary records of the scenario file. */
export interface ScenarioFile {
  /** The file name, without any folder. */
  file: string;
  /** `sha256:<64 hex>` of the file's content, or null when the caller gave none. */
  hash: string | null;
}

/** The last segment of a path typed on any system: `runs/prod/s.yaml` and `C:\s\s.yaml` → `s.yaml`. */
export function scenarioFileName(path: string): string {
  const parts = path.split(/[\\/]/).filter((p) => p !== '');
  return parts.length === 0 ? path : parts[parts.length - 1];
}

/** The scenario as an output records it, from the path the user typed and the content hash, if known. */
export function scenarioFile(path: string, hash?: string | null): ScenarioFile {
  return { file: scenarioFileName(path), hash: hash ?? null };
}

/** The scenario as a report's first line names it: `s.yaml` or `s.yaml (sha256:0123456789ab…)`. */
export function scenarioLabel(path: string, hash?: string | null): string {
  const { file, hash: h } = scenarioFile(path, hash);
  return h === null ? file : `${file} (${h.slice(0, 'sha256:'.length + 12)}…)`;
}
