// The scenario's `events:` → typed faults and drills: one kind per event, times fixed or
// drawn (a distribution), VMs, regions, links and plans checked (docs/reference.md §2, §5).

import { bounds, type Distribution } from '../../engine/distributions.js';
import { millis } from '../../engine/units.js';
import type { FaultSpec, TimeSpec, VmTargets } from '../../models/scenario/dr.js';
import { MSG } from '../messages.js';
import { DR_MSG } from '../messages-dr.js';
import type { PathSegment } from '../source.js';
import { formatDuration, parseBandwidth, parseDuration, parsePercent } from '../units.js';
import type { Context } from './context.js';
import { fieldName, readDistribution } from './distribution.js';
import type { DrRefs } from './dr.js';
import { OPERATION_KINDS } from './operations.js';

type Raw = Record<string, unknown>;

/** The kinds of fault and drill, by their key in the scenario. */
export const FAULT_KINDS = [
  'outage',
  'vmFailure',
  'diskCorruption',
  'deleteVm',
  'ransomware',
  'churnSpike',
  'degrade',
  'controlPlane',
  'drill',
] as const;

/** The kinds of event, by their key in the scenario: faults and drills, operations (operations.ts), restores (restore.ts). */
export const EVENT_KINDS = [...FAULT_KINDS, ...OPERATION_KINDS, 'restore'] as const;

/**
 * An event's `at` (offset: must fall in the run) or a duration: fixed, or a distribution drawn
 * per run. A distribution is checked by where its draws can fall (docs/scenario-format.md
 * §events): none below 0 (a draw is never moved to the start), not all at or after the end
 * (an error, as for a fixed `at`), and a warning when only some are (that run lacks the event).
 */
export function readTime(
  ctx: Context,
  path: readonly PathSegment[],
  raw: unknown,
  offset: boolean,
): TimeSpec | null {
  if (typeof raw === 'object' && raw !== null) {
    const d = readDistribution(ctx, path, raw, parseDuration, { nonNegative: { offset } });
    return d === null || !drawsFit(ctx, path, d, offset) ? null : { draw: d };
  }
  const t = offset ? ctx.offset(path, raw) : ctx.unit(parseDuration, path, raw);
  return t === null ? null : { fixed: millis(t) };
}

/** Whether a time distribution's draws (none below 0: readDistribution) fall in the run; records the issue or warning. */
function drawsFit(ctx: Context, path: readonly PathSegment[], d: Distribution, offset: boolean): boolean {
  const { min, max } = bounds(d);
  const field = fieldName(path);
  const horizon = ctx.horizon;
  if (!offset || horizon === null || max < horizon) return true;
  const end = formatDuration(horizon);
  if (min >= horizon) {
    const message =
      min === max
        ? MSG.beyondHorizon(field, formatDuration(min), end)
        : MSG.beyondHorizonDraws(field, drawRange(min, max), end);
    ctx.add('beyond-horizon', path, message);
    return false;
  }
  ctx.warn('draw-beyond-horizon', path, MSG.drawBeyondHorizon(field, drawRange(min, max), end));
  return true;
}

/** A range of draws for a message: `from 30d to 90d`, or `from 0s up without limit`. */
const drawRange = (min: number, max: number): string =>
  Number.isFinite(max)
    ? `from ${formatDuration(min)} to ${formatDuration(max)}`
    : `from ${formatDuration(min)} up without limit`;

/** Reads the faults and drills of `events:` in scenario order (operations.ts reads the rest); an event with issues is left out. */
export function readEvents(
  ctx: Context,
  raw: Raw[],
  refs: DrRefs,
  targets: (raw: Raw, path: readonly PathSegment[]) => VmTargets | null,
  plans: ReadonlySet<string>,
): FaultSpec[] {
  const out: FaultSpec[] = [];
  raw.forEach((e, i) => {
    const path = ['events', i];
    const kinds = EVENT_KINDS.filter((k) => e[k] !== undefined);
    if (kinds.length !== 1) {
      ctx.add('required', path, DR_MSG.eventKind(EVENT_KINDS, kinds));
      return;
    }
    const kind = kinds[0] as (typeof FAULT_KINDS)[number];
    if (!(FAULT_KINDS as readonly string[]).includes(kind)) return;
    const body = e[kind] as Raw;
    const at = readTime(ctx, [...path, 'at'], e.at, true);
    const here = (...more: PathSegment[]) => [...path, kind, ...more];
    const lasting = () => readTime(ctx, here('for'), body.for, false);
    const fault = ((): FaultSpec | null => {
      switch (kind) {
        case 'outage': {
          const region = body.region as string;
          if (!ctx.reference('region', region, refs.regions, here('region'))) return null;
          const duration = lasting();
          if (at === null || duration === null) return null;
          const zone = body.zone as number | undefined;
          if (zone === undefined) return { kind: 'region-outage', at, duration, region };
          const zones = refs.regions.get(region)!.zones;
          if (zone > zones) {
            ctx.add('zone-not-in-region', here('zone'), DR_MSG.outageZone(zone, region, zones));
            return null;
          }
          return { kind: 'zone-outage', at, duration, region, zone };
        }
        case 'vmFailure':
        case 'diskCorruption':
        case 'deleteVm': {
          const t = targets(body, here());
          if (at === null || t === null) return null;
          const k = (
            {
              vmFailure: 'vm-failure',
              diskCorruption: 'disk-corruption',
              deleteVm: 'vm-deletion',
            } as const
          )[kind];
          return { kind: k, at, targets: t };
        }
        case 'ransomware': {
          const t = targets(body, here());
          const after =
            body.detectedAfter === undefined
              ? { fixed: millis(0) }
              : readTime(ctx, here('detectedAfter'), body.detectedAfter, false);
          if (at === null || t === null || after === null) return null;
          return { kind: 'ransomware', at, detectedAfter: after, targets: t };
        }
        case 'churnSpike': {
          const t = targets(body, here());
          const rate = ctx.unit(parseBandwidth, here('rate'), body.rate);
          const duration = lasting();
          if (at === null || t === null || rate === null || duration === null) return null;
          return { kind: 'churn-spike', at, duration, rate, targets: t };
        }
        case 'degrade': {
          const link = (body.link as string | undefined) ?? null;
          const from = (body.replicationFrom as string | undefined) ?? null;
          if ((link === null) === (from === null)) {
            ctx.add('required', here(), DR_MSG.degradeTarget());
            return null;
          }
          if (link !== null && !ctx.reference('link', link, refs.links, here('link'))) return null;
          if (from !== null && !ctx.reference('region', from, refs.regions, here('replicationFrom')))
            return null;
          const factor = ctx.unit((v) => parsePercent(v), here('to'), body.to);
          const duration = lasting();
          if (at === null || factor === null || duration === null) return null;
          return { kind: 'link-degradation', at, duration, factor, link, replicationFrom: from };
        }
        case 'controlPlane': {
          const region = body.region as string;
          if (!ctx.reference('region', region, refs.regions, here('region'))) return null;
          const duration = lasting();
          if (at === null || duration === null) return null;
          return { kind: 'control-plane', at, duration, region };
        }
        case 'drill': {
          const plan = body.plan as string;
          if (!ctx.reference('recovery plan', plan, plans, here('plan'))) return null;
          if (at === null) return null;
          return { kind: 'drill', at, plan };
        }
      }
    })();
    if (fault !== null) out.push(fault);
  });
  return out;
}
