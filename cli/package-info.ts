// Where vaultsim is installed and what its package.json says: the version `--version`
// prints, the schema `init` points editors at, and the address bugs are reported to.
// Found by walking up from this module, so it works from the sources and from dist/.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What vaultsim reads from its own package.json; `root` is its folder. */
export interface PackageInfo {
  root: string;
  version: string;
  /** Where to report bugs (package.json `bugs.url`), or null when unknown. */
  bugs: string | null;
}

let found: PackageInfo | null | undefined;

/** vaultsim's package folder and package.json fields, or null when it cannot be found. */
export function packageInfo(): PackageInfo | null {
  if (found !== undefined) return found;
  found = null;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
        bugs?: { url?: string } | string;
      };
      if (pkg.name === 'vaultsim' && typeof pkg.version === 'string') {
        const bugs = typeof pkg.bugs === 'string' ? pkg.bugs : (pkg.bugs?.url ?? null);
        found = { root: dir, version: pkg.version, bugs };
        return found;
      }
    } catch {
      // No package.json here (or not ours): keep walking up.
    }
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}
