// MARS-agent servers and backup-job timing: raw → typed, with the agent's limits
// (docs/reference.md §3) checked.

import type { Distribution } from '../../engine/distributions.js';
import { bytesPerSec, MS, millis } from '../../engine/units.js';
import { parseWeekday } from '../../models/calendar.js';
import type { BackupJobSettings, MarsServer, Retention, Vault } from '../../models/scenario/types.js';
import { MSG } from '../messages.js';
import {
  formatBandwidth,
  parseBandwidth,
  parseDuration,
  parsePercent,
  parseSize,
  parseTimeOfDay,
  parseTimeZone,
} from '../units.js';
import type { Context } from './context.js';
import { NON_NEGATIVE, readDistribution } from './distribution.js';
import { readChurn } from './fleet.js';
import { normaliseRetention, type RawRetention } from './policies.js';

type RawServer = {
  name: string;
  count?: number;
  agentVersion?: string;
  vault: string;
  data: string;
  churn?: { daily: unknown; spread?: string };
  growth?: string;
  compression?: string;
  schedule: { times: string[]; days?: string[]; timeZone?: string };
  retention: RawRetention;
  network?: {
    workHours: { bandwidth: string; from?: string; to?: string; days?: string[] };
    nonWorkHours: string;
    timeZone?: string;
  };
};

/** The agent version assumed when a scenario gives none (a current release; assumption). */
export const DEFAULT_MARS_VERSION = '2.0.9320.0';
// §3: throttling bandwidth from 512 Kbps to 1,023 Mbps; at most three backups a day.
const MIN_THROTTLE = 512_000 / 8;
const MAX_THROTTLE = 1_023_000_000 / 8;
const MAX_TIMES = 3;

/** MARS servers expanded into one entry per server (ids like fs-001), none named like a VM in `vmIds`. */
export function normaliseServers(
  ctx: Context,
  raw: RawServer[],
  vaults: ReadonlySet<string>,
  vmIds: ReadonlySet<string>,
): MarsServer[] {
  ctx.index('server group', raw, 'servers');
  const out: MarsServer[] = [];
  raw.forEach((g, i) => {
    const at = (...more: (string | number)[]) => ['servers', i, ...more];
    ctx.reference('vault', g.vault, vaults, at('vault'));
    const data = ctx.unit(parseSize, at('data'), g.data);
    const churn = readChurn(ctx, g.churn, at('churn'));
    const growth =
      g.growth === undefined ? 0 : ctx.unit((v) => parsePercent(v, { max: 1000 }), at('growth'), g.growth);
    const compression =
      g.compression === undefined ? 0 : ctx.unit(parsePercent, at('compression'), g.compression);
    if (g.schedule.times.length > MAX_TIMES)
      ctx.add('policy-limit', at('schedule', 'times'), MSG.marsTimes(g.schedule.times.length));
    const times = g.schedule.times.map((t, k) => ctx.unit(parseTimeOfDay, at('schedule', 'times', k), t));
    const timeZone =
      g.schedule.timeZone === undefined
        ? 'UTC'
        : ctx.unit(parseTimeZone, at('schedule', 'timeZone'), g.schedule.timeZone);
    const days = (g.schedule.days ?? []).map((d) => parseWeekday(d) as number);
    const frequency = days.length > 0 ? 'weekly' : 'daily';
    const retention = normaliseRetention(ctx, g.retention, at('retention'), frequency, g.schedule.days ?? []);
    const network =
      g.network === undefined ? null : readNetwork(ctx, g.network, at('network'), timeZone ?? 'UTC');
    if (data === null || churn === null || growth === null || compression === null || timeZone === null)
      return;
    if (times.some((t) => t === null) || network === undefined) return;
    const count = g.count ?? 1;
    const width = Math.max(3, String(count).length);
    const clash = Array.from(
      { length: count },
      (_, k) => `${g.name}-${String(k + 1).padStart(width, '0')}`,
    ).find((id) => vmIds.has(id));
    if (clash !== undefined) {
      ctx.add('duplicate-name', at('name'), MSG.serverIsVm(clash));
      return;
    }
    for (let n = 1; n <= count; n++)
      out.push({
        id: `${g.name}-${String(n).padStart(width, '0')}`,
        group: g.name,
        agentVersion: g.agentVersion ?? DEFAULT_MARS_VERSION,
        vault: g.vault,
        data,
        churn,
        growth,
        compression,
        schedule: {
          times: (times as number[]).slice().sort((a, b) => a - b),
          days: [...new Set(days)].sort(),
          timeZone,
        },
        retention: retention as Retention,
        network,
      });
  });
  return out;
}

/** A `network:` block (MARS, and MABS/DPM servers: issue 17) with §3's bandwidth limits checked, or undefined on issues. */
export function readNetwork(
  ctx: Context,
  n: NonNullable<RawServer['network']>,
  at: (string | number)[],
  scheduleZone: string,
): MarsServer['network'] | undefined {
  const bandwidth = (path: (string | number)[], text: string) => {
    const v = ctx.unit(parseBandwidth, path, text);
    if (v !== null && (v < MIN_THROTTLE || v > MAX_THROTTLE))
      ctx.add('policy-limit', path, MSG.marsBandwidth(formatBandwidth(v)));
    return v;
  };
  const work = bandwidth([...at, 'workHours', 'bandwidth'], n.workHours.bandwidth);
  const nonWork = bandwidth([...at, 'nonWorkHours'], n.nonWorkHours);
  const from =
    n.workHours.from === undefined
      ? 8 * 60
      : ctx.unit(parseTimeOfDay, [...at, 'workHours', 'from'], n.workHours.from);
  const to =
    n.workHours.to === undefined
      ? 18 * 60
      : ctx.unit(parseTimeOfDay, [...at, 'workHours', 'to'], n.workHours.to);
  const timeZone =
    n.timeZone === undefined ? scheduleZone : ctx.unit(parseTimeZone, [...at, 'timeZone'], n.timeZone);
  const days = (n.workHours.days ?? ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']).map(
    (d) => parseWeekday(d) as number,
  );
  if (work === null || nonWork === null || from === null || to === null || timeZone === null)
    return undefined;
  return { workHours: { from, to, days: [...new Set(days)].sort(), timeZone }, work, nonWork };
}

// docs/reference.md §1.2: jobs start within 2 h of the scheduled time; the snapshot takes
// "a few minutes" (triangular 2/5/15 min is an assumption); best-case throughput 160 Mbps
// for a first backup and 640 Mbps for incrementals (2018 doc, historical defaults).
const DEFAULT_SNAPSHOT: Distribution = {
  kind: 'triangular',
  min: 2 * MS.minute,
  mode: 5 * MS.minute,
  max: 15 * MS.minute,
};

/** Backup-job timing with the documented defaults. */
export function normaliseBackupJobs(
  ctx: Context,
  raw:
    | {
        startWindow?: string;
        snapshotDuration?: unknown;
        initialThroughput?: string;
        incrementalThroughput?: string;
      }
    | undefined,
): BackupJobSettings | null {
  const r = raw ?? {};
  const at = (field: string) => ['backupJobs', field];
  const startWindow =
    r.startWindow === undefined
      ? millis(2 * MS.hour)
      : ctx.unit(parseDuration, at('startWindow'), r.startWindow);
  const snapshot =
    r.snapshotDuration === undefined
      ? DEFAULT_SNAPSHOT
      : readDistribution(ctx, at('snapshotDuration'), r.snapshotDuration, parseDuration, NON_NEGATIVE);
  const initial =
    r.initialThroughput === undefined
      ? bytesPerSec(160e6 / 8)
      : ctx.unit(parseBandwidth, at('initialThroughput'), r.initialThroughput);
  const incremental =
    r.incrementalThroughput === undefined
      ? bytesPerSec(640e6 / 8)
      : ctx.unit(parseBandwidth, at('incrementalThroughput'), r.incrementalThroughput);
  for (const [field, v] of [
    ['initialThroughput', initial],
    ['incrementalThroughput', incremental],
  ] as const)
    if (v !== null && v <= 0) ctx.add('out-of-range', at(field), MSG.positive(field, raw?.[field]));
  if (startWindow === null || snapshot === null || initial === null || incremental === null) return null;
  return {
    startWindow,
    snapshotDuration: snapshot,
    initialThroughput: initial,
    incrementalThroughput: incremental,
  };
}

/** Vault names, for MARS references (vaults may be in any region for on-premises servers). */
export const vaultNames = (vaults: ReadonlyMap<string, Vault>): Set<string> => new Set(vaults.keys());
