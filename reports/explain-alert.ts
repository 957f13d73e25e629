// `vaultsim explain alert`: the answer behind an alert rule's firings: for each firing and
// resolution, the evaluation that made it and what it saw — per condition, each period of the
// window with its aggregate against the threshold and the per-minute samples in it (reference/
// azure.md §7.1–7.3). Built-in alerts (§7.5) fire on the event itself, with no evaluation.
// Pure: a RunResult and the evaluations the monitor recorded in, an object (what --json
// prints) and its text out.

import type { AlertEvaluation } from '../models/monitor/evidence.js';
import type { AlertFiring, AlertRuleResult, RunResult } from '../models/results/types.js';
import { formatSeconds } from './format.js';

/** One evaluation with its instants as UTC strings. */
export interface ExplainedEvaluation {
  at: string;
  kind: 'fired' | 'resolved';
  instance: Record<string, string>;
  conditions: {
    signal: 'metric' | 'log';
    name: string;
    aggregation: string;
    operator: string;
    threshold: number;
    minFailing: number;
    holds: boolean;
    periods: {
      from: string;
      to: string;
      value: number | null;
      violates: boolean;
      samples: { minute: string; count: number; sum: number; min: number; max: number }[];
    }[];
  }[];
}

/** What `explain alert` prints. */
export interface AlertExplanation {
  scenario: string;
  variant: string;
  seed: number;
  rule: AlertRuleResult;
  /** Its firings in the run's timeline. */
  firings: AlertFiring[];
  /** The evaluations that fired or resolved it, in time order (none for a built-in alert). */
  evaluations: ExplainedEvaluation[];
}

/** Problems with the rule asked, listing what exists; empty when it is fine. */
export function alertProblems(result: RunResult, rule: string, suggestion: string | null = null): string[] {
  if (result.alerts === null) return ['the scenario has no monitor section: no alert rules to explain'];
  const rules = result.alerts.rules.map((r) => r.rule);
  if (rules.includes(rule)) return [];
  const hint = suggestion === null ? '' : ` Did you mean ${suggestion}?`;
  return [`${rule}: no such alert rule in the run.${hint} (rules: ${rules.join(', ')})`];
}

/** The explanation of `rule`'s firings, from the evaluations the monitor recorded. */
export function explainAlert(
  result: RunResult,
  rule: string,
  evaluations: readonly AlertEvaluation[],
): AlertExplanation {
  const origin = Date.parse(result.start);
  const iso = (t: number) => new Date(origin + t).toISOString();
  const alerts = result.alerts!;
  return {
    scenario: result.scenario,
    variant: result.variant,
    seed: result.seed,
    rule: alerts.rules.find((r) => r.rule === rule)!,
    firings: alerts.timeline.filter((f) => f.rule === rule),
    evaluations: [...evaluations]
      .sort((a, b) => a.t - b.t)
      .map((e) => ({
        at: iso(e.t),
        kind: e.kind,
        instance: e.instance,
        conditions: e.conditions.map((c) => ({
          signal: c.signal,
          name: c.name,
          aggregation: c.aggregation,
          operator: c.operator,
          threshold: c.threshold,
          minFailing: c.minFailing,
          holds: c.holds,
          periods: c.periods.map((p) => ({
            from: iso(p.from),
            to: iso(p.to),
            value: p.value,
            violates: p.violates,
            samples: p.samples.map((m) => ({
              minute: iso(m.at),
              count: m.count,
              sum: m.sum,
              min: m.min,
              max: m.max,
            })),
          })),
        })),
      })),
  };
}

// Samples shown per period in the text (all of them in --json).
const SAMPLES_SHOWN = 8;
// Evaluations shown in the text (all of them in --json).
const EVALUATIONS_SHOWN = 20;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

const dims = (instance: Record<string, string>) => {
  const pairs = Object.entries(instance);
  return pairs.length === 0 ? '' : ` [${pairs.map(([k, v]) => `${k}=${v}`).join(', ')}]`;
};

function evaluationLines(e: ExplainedEvaluation): string[] {
  const out = [`  ${e.at}  ${e.kind}${dims(e.instance)}`];
  for (const c of e.conditions) {
    const need = c.periods.length > 1 ? ` in at least ${c.minFailing} of ${c.periods.length} periods` : '';
    out.push(
      `    ${c.signal} ${c.name}: ${c.aggregation} ${c.operator} ${c.threshold}${need}: ${c.holds ? 'holds' : 'does not hold'}`,
    );
    for (const p of c.periods) {
      const span = formatSeconds((Date.parse(p.to) - Date.parse(p.from)) / 1000);
      out.push(
        `      [${p.from}, ${p.to}) ${span}: ${c.aggregation} ${p.value === null ? 'no value (no samples)' : p.value} ${p.violates ? 'violates' : 'does not violate'} ${c.operator} ${c.threshold}; ${plural(
          p.samples.reduce((n, m) => n + m.count, 0),
          'sample',
        )}`,
      );
      for (const m of p.samples.slice(0, SAMPLES_SHOWN))
        out.push(`        ${m.minute}  ${m.count} × (sum ${m.sum}, min ${m.min}, max ${m.max})`);
      if (p.samples.length > SAMPLES_SHOWN)
        out.push(`        … and ${p.samples.length - SAMPLES_SHOWN} more minutes`);
    }
  }
  return out;
}

/** The explanation as the text `explain alert` prints. */
export function renderAlertExplanation(e: AlertExplanation): string {
  const r = e.rule;
  const out = [
    `${r.rule} (${r.kind}, severity ${r.severity}; ${e.scenario}, ${e.variant}, seed ${e.seed}): fired ${r.fired}, resolved ${r.resolved}, ${plural(r.notificationsSent, 'notification')} sent`,
  ];
  if (r.kind === 'built-in') {
    out.push('', 'A built-in alert fires on the event itself (§7.5): there is no evaluation to show.');
    for (const f of e.firings) out.push(`  ${f.firedAt}  fired${dims(f.instance)}`);
  } else if (e.evaluations.length === 0) out.push('', 'No evaluation fired or resolved it in the run.');
  else {
    out.push(
      '',
      'Evaluations that fired or resolved it, and what each saw (samples per minute, as the monitor keeps them):',
    );
    for (const ev of e.evaluations.slice(0, EVALUATIONS_SHOWN)) out.push(...evaluationLines(ev));
    if (e.evaluations.length > EVALUATIONS_SHOWN)
      out.push(`  … and ${e.evaluations.length - EVALUATIONS_SHOWN} more (--json has them all)`);
  }
  return `${out.join('\n')}\n`;
}
