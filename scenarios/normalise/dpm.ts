// MABS / DPM servers: raw `backupServers` → typed, one entry per server, with the rules of
// docs/reference.md §2.5 and §3 and docs/reference.md §14.1–14.2 checked and cited.

import { type Millis, MS } from '../../engine/units.js';
import type { Vault } from '../../models/scenario/types.js';
import type {
  BackupServer,
  DpmWorkload,
  ProtectionGroup,
  TimeWindow,
} from '../../models/scenario/workloads.js';
import { MSG } from '../messages.js';
import { DPM_MSG } from '../messages-workloads.js';
import {
  formatDuration,
  parseDuration,
  parsePercent,
  parseSize,
  parseTimeOfDay,
  parseTimeZone,
} from '../units.js';
import type { Context } from './context.js';
import { readChurn } from './fleet.js';
import { readNetwork } from './mars.js';
import { normaliseRetention, type RawRetention } from './policies.js';

type RawGroup = {
  name: string;
  workload: DpmWorkload;
  machines: number;
  data: string;
  churn?: { daily: unknown; spread?: string };
  growth?: string;
  disk: { sync: string; retention: string };
  online: { times: string[]; timeZone?: string; retention: RawRetention };
};

type RawServer = {
  name: string;
  kind?: 'mabs' | 'dpm';
  count?: number;
  vault: string;
  compression?: string;
  network?: never;
  protectionGroups: RawGroup[];
  offline?: { at: string; for: string }[];
  lost?: string;
};

// §14.1: DPM's allowed synchronisation frequencies; §3: 15 minutes for SQL Server, hourly for
// other workloads; disk points at most 64 (file servers) or 448 (application servers); §14.2:
// online at most twice a day; §2.5: at most 50 MABS servers per vault.
const SYNC = [15, 30, 45, 60, 120, 240, 360, 720, 1440].map((m) => m * MS.minute);
const DISK_POINTS: Record<DpmWorkload, { max: number; what: string }> = {
  files: { max: 64, what: 'file servers' },
  sql: { max: 448, what: 'application servers' },
  'hyper-v': { max: 448, what: 'application servers' },
};
const MAX_ONLINE = 2;
const MAX_SERVERS = 50;

/** MABS/DPM servers expanded into one entry per server (ids like mabs-001). */
export function normaliseBackupServers(
  ctx: Context,
  raw: RawServer[],
  vaults: ReadonlyMap<string, Vault>,
): BackupServer[] {
  ctx.index('backup server group', raw, 'backupServers');
  const out: BackupServer[] = [];
  const perVault = new Map<string, number>();
  raw.forEach((g, i) => {
    const at = (...more: (string | number)[]) => ['backupServers', i, ...more];
    ctx.reference('vault', g.vault, vaults, at('vault'));
    const count = g.count ?? 1;
    perVault.set(g.vault, (perVault.get(g.vault) ?? 0) + count);
    if (perVault.get(g.vault)! > MAX_SERVERS)
      ctx.add('policy-limit', at('count'), DPM_MSG.tooManyServers(g.vault, perVault.get(g.vault)!));
    const compression =
      g.compression === undefined ? 0 : ctx.unit(parsePercent, at('compression'), g.compression);
    const network = g.network === undefined ? null : readNetwork(ctx, g.network, at('network'), 'UTC');
    const names = new Map<string, number>();
    g.protectionGroups.forEach((pg, k) => {
      const first = names.get(pg.name);
      if (first === undefined) names.set(pg.name, k);
      else {
        const { line } = ctx.source.locate(at('protectionGroups', first, 'name'));
        ctx.add(
          'duplicate-name',
          at('protectionGroups', k, 'name'),
          MSG.duplicateName('protection group', pg.name, line),
        );
      }
    });
    const groups = g.protectionGroups.map((pg, k) => readGroup(ctx, pg, at('protectionGroups', k)));
    const offline: TimeWindow[] = [];
    (g.offline ?? []).forEach((o, k) => {
      const from = ctx.offset(at('offline', k, 'at'), o.at);
      const span = ctx.unit(parseDuration, at('offline', k, 'for'), o.for);
      if (from !== null && span !== null) offline.push({ at: from, for: span });
    });
    const lostAt = g.lost === undefined ? null : ctx.offset(at('lost'), g.lost);
    if (compression === null || network === undefined || groups.some((x) => x === null)) return;
    if (g.lost !== undefined && lostAt === null) return;
    const width = Math.max(3, String(count).length);
    for (let n = 1; n <= count; n++)
      out.push({
        id: `${g.name}-${String(n).padStart(width, '0')}`,
        group: g.name,
        kind: g.kind ?? 'mabs',
        vault: g.vault,
        compression,
        network,
        protectionGroups: groups as ProtectionGroup[],
        offline: offline.sort((a, b) => a.at - b.at),
        lostAt,
      });
  });
  return out;
}

function readGroup(ctx: Context, g: RawGroup, path: (string | number)[]): ProtectionGroup | null {
  const at = (...more: (string | number)[]) => [...path, ...more];
  const data = ctx.unit(parseSize, at('data'), g.data);
  const churn = readChurn(ctx, g.churn, at('churn'));
  const growth =
    g.growth === undefined ? 0 : ctx.unit((v) => parsePercent(v, { max: 1000 }), at('growth'), g.growth);
  const sync = readSync(ctx, g, at('disk', 'sync'));
  const retention = ctx.unit(parseDuration, at('disk', 'retention'), g.disk.retention);
  if (sync !== null && retention !== null) {
    const { max, what } = DISK_POINTS[g.workload];
    if (retention < sync)
      ctx.add(
        'policy-limit',
        at('disk', 'retention'),
        DPM_MSG.diskRetentionShort(formatDuration(retention), formatDuration(sync)),
      );
    else if (Math.floor(retention / sync) > max)
      ctx.add(
        'policy-limit',
        at('disk', 'retention'),
        DPM_MSG.tooManyDiskPoints(Math.floor(retention / sync), what, max),
      );
  }
  if (g.online.times.length > MAX_ONLINE)
    ctx.add('policy-limit', at('online', 'times'), DPM_MSG.onlineTwice(g.online.times.length));
  const times = g.online.times.map((t, k) => ctx.unit(parseTimeOfDay, at('online', 'times', k), t));
  const timeZone =
    g.online.timeZone === undefined
      ? 'UTC'
      : ctx.unit(parseTimeZone, at('online', 'timeZone'), g.online.timeZone);
  // The shared reader's 7-day daily minimum is Azure VM backup's; online retention keeps its own value.
  const daily = g.online.retention.daily;
  const read = normaliseRetention(
    ctx,
    { ...g.online.retention, ...(daily !== undefined ? { daily: Math.max(7, daily) } : {}) },
    at('online', 'retention'),
    'daily',
    [],
  );
  if (data === null || churn === null || growth === null || sync === null || retention === null) return null;
  if (timeZone === null || times.some((t) => t === null) || retention < sync) return null;
  return {
    name: g.name,
    workload: g.workload,
    machines: g.machines,
    data,
    churn,
    growth,
    disk: { sync, retention: retention as Millis },
    online: {
      times: (times as number[]).slice().sort((a, b) => a - b),
      timeZone,
      retention: { ...read, daily: daily ?? null },
    },
  };
}

function readSync(ctx: Context, g: RawGroup, path: (string | number)[]): Millis | null {
  const sync = ctx.unit(parseDuration, path, g.disk.sync);
  if (sync === null) return null;
  if (!SYNC.includes(sync)) {
    ctx.add('policy-limit', path, DPM_MSG.syncFrequency(formatDuration(sync)), {
      allowed: '15m, 30m, 45m, 1h, 2h, 4h, 6h, 12h, 24h',
    });
    return null;
  }
  if (g.workload !== 'sql' && sync < MS.hour) {
    ctx.add('policy-limit', path, DPM_MSG.syncTooOften(g.workload, formatDuration(sync)));
    return null;
  }
  return sync;
}
