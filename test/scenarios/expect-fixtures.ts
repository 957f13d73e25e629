// The committed fixtures of a folder (invalid/, warnings/): each `<code>.yaml` starts with
// `# expect: <line>` comments, the exact lines renderIssue prints with the path as {file}.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** One committed fixture: the code it is named after, its path, and its `# expect:` lines. */
export interface ExpectFixture {
  code: string;
  file: string;
  expected: string[];
}

/** The `# expect:` lines at the top of a fixture. */
function expectedLines(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^# expect: (.*)$/.exec(line);
    if (m === null) break;
    out.push(m[1]);
  }
  return out;
}

/** Every `.yaml` fixture in `dir`, sorted by name. */
export function expectFixtures(dir: string): ExpectFixture[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => {
      const file = join(dir, name);
      return { code: basename(name, '.yaml'), file, expected: expectedLines(readFileSync(file, 'utf8')) };
    });
}
