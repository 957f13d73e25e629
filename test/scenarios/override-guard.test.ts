// The forbidden-key guard covers override paths: a variant or sweep path with a step
// `__proto__`, `constructor` or `prototype` is a positioned error at the override's own
// line, never an override that reaches an object's prototype (issue 21).
import { describe, expect, it } from 'vitest';
import { renderIssue } from '../../scenarios/issues.js';
import { loadScenarioText } from '../../scenarios/load.js';
import { splitOverridePath } from '../../scenarios/variants.js';

// Line numbers below count from 1 at `name:`.
const BASE = `name: guard
duration: 30d
regions:
  - { name: eastus, pair: westus }
  - { name: westus, pair: eastus }
vaults:
  - { name: rsv, region: eastus }
policies:
  - name: daily-30
    schedule: { frequency: daily, at: "22:30" }
    retention: { daily: 30 }
fleet:
  - name: web
    region: eastus
    disks: [{ size: 128GiB }]
    backup: { vault: rsv, policy: daily-30 }
`;

const issuesOf = (text: string) => {
  const r = loadScenarioText(text, 'g.yaml');
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.issues;
};

describe('override paths and forbidden keys', () => {
  it.each([
    'fleet[0].__proto__',
    'fleet.web.__proto__',
    '__proto__',
    'fleet[0].constructor',
    'policies.daily-30.prototype',
    'fleet[0].__proto__.vmAgent',
  ])('refuses the variant path %s at the override line', (path) => {
    const text = `${BASE}variants:\n  agentless:\n    seed: 3\n    ${path}: { vmAgent: false }\n`;
    const issues = issuesOf(text);
    expect(issues.map((i) => i.code)).toEqual(['forbidden-key']);
    // Line 17 is `variants:`, 18 the variant, 19 `seed: 3`, 20 the forbidden override.
    expect([issues[0].file, issues[0].line, issues[0].column]).toEqual(['g.yaml', 20, 5]);
    // A bare `__proto__` key is already refused by the document's own guard (source.ts).
    expect(renderIssue(issues[0])).toMatch(
      /^g\.yaml:20:5 variants\.agentless\.\S+: (variant path "\S+": )?key "(__proto__|constructor|prototype)" is not allowed/,
    );
  });

  it('refuses a forbidden sweep path at the sweep key', () => {
    const text = `${BASE}sweep:\n  fleet[0].__proto__: [{ vmAgent: false }]\n`;
    const issues = issuesOf(text);
    expect(issues.map((i) => i.code)).toEqual(['forbidden-key']);
    expect([issues[0].line, issues[0].column]).toEqual([18, 3]);
  });

  it('never lets an override change a prototype, and keeps the base loading', () => {
    const text = `${BASE}variants:\n  bad:\n    fleet[0].__proto__: { vmAgent: false }\n`;
    issuesOf(text);
    expect(({} as Record<string, unknown>).vmAgent).toBeUndefined();
    expect(Object.getPrototypeOf([])).toBe(Array.prototype);
    const ok = loadScenarioText(BASE, 'g.yaml');
    expect(ok.ok).toBe(true);
    if (ok.ok) expect(ok.scenarios[0].vms[0].vmAgent).toBe(true);
  });

  it('splits a path with a forbidden step into that step (what the guard checks)', () => {
    expect(splitOverridePath('fleet[0].__proto__')).toEqual(['fleet', 0, '__proto__']);
  });
});
