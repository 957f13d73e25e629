// JUnit XML, the format CI systems read test verdicts from (the de facto schema of Ant's
// junit task, as Jenkins, GitLab and GitHub reporters accept it): one <testsuite> per suite,
// one <testcase> per case, a <failure> with a message attribute and a text body when it failed.

/** One test case; `failure` present when it failed. */
export interface JunitCase {
  name: string;
  classname: string;
  /** Seconds. */
  time?: number;
  failure?: { message: string; body: string };
  /** Why the case was not run (nothing to judge); a skipped case neither passes nor fails. */
  skipped?: string;
}

/** A named group of cases. */
export interface JunitSuite {
  name: string;
  cases: JunitCase[];
}

// XML 1.0 cannot carry most control characters even escaped: drop them.
const INVALID_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text made safe for an XML attribute or element. */
function xml(text: string): string {
  return text
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const seconds = (t: number | undefined) => (t === undefined ? '' : ` time="${Number(t.toFixed(3))}"`);

/** The JUnit XML document of `suites`, with totals on <testsuites> and on each <testsuite>. */
export function junitXml(suites: JunitSuite[]): string {
  const count = (s: JunitSuite) => s.cases.length;
  const failed = (s: JunitSuite) => s.cases.filter((c) => c.failure !== undefined).length;
  const total = suites.reduce((n, s) => n + count(s), 0);
  const failures = suites.reduce((n, s) => n + failed(s), 0);
  const skipped = (s: JunitSuite) =>
    s.cases.filter((c) => c.failure === undefined && c.skipped !== undefined).length;
  const totalSkipped = suites.reduce((n, s) => n + skipped(s), 0);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites tests="${total}" failures="${failures}" errors="0"${totalSkipped > 0 ? ` skipped="${totalSkipped}"` : ''}>`,
  ];
  for (const s of suites) {
    lines.push(
      `  <testsuite name="${xml(s.name)}" tests="${count(s)}" failures="${failed(s)}" errors="0" skipped="${skipped(s)}">`,
    );
    for (const c of s.cases) {
      const head = `    <testcase name="${xml(c.name)}" classname="${xml(c.classname)}"${seconds(c.time)}`;
      if (c.failure === undefined && c.skipped !== undefined) {
        lines.push(`${head}>`, `      <skipped message="${xml(c.skipped)}"/>`, '    </testcase>');
        continue;
      }
      if (c.failure === undefined) {
        lines.push(`${head}/>`);
        continue;
      }
      lines.push(
        `${head}>`,
        `      <failure message="${xml(c.failure.message)}" type="failure">${xml(c.failure.body)}</failure>`,
        '    </testcase>',
      );
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}
