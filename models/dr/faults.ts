// The scenario's faults made concrete for one run: times drawn (a fault's times come from
// its own stream, `fault/<index>`, so adding a fault does not move another's draws), and
// the windows when regions, zones and control planes are down, queried by time.

import { makeSampler } from '../../engine/distributions.js';
import type { Streams } from '../../engine/random.js';
import type { FaultSpec, TimeSpec } from '../scenario/dr.js';

/** A half-open window [from, to) of simulation time, ms. */
export interface Window {
  from: number;
  to: number;
}

/** A fault with its times fixed for this run. */
export type Fault = FaultSpec & {
  /** Position in the scenario's event list (ids and streams use it). */
  index: number;
  /** When it happens (sim ms). */
  start: number;
  /** When it ends (sim ms; equals start for instantaneous faults). */
  end: number;
  /** Ransomware: when it is found (sim ms); else equals start. */
  found: number;
};

/**
 * An event's time (or duration) for this run: fixed, or drawn from the stream `name`. The
 * normaliser rejects a time distribution that can draw below 0 (scenarios/normalise/events.ts),
 * so a negative draw is a bug: it throws rather than being moved to 0, which would put the event
 * at the start. Faults, operations and restore requests draw their times through it.
 */
export function drawTime(spec: TimeSpec, streams: Streams, name: string): number {
  if ('fixed' in spec) return spec.fixed;
  const t = Math.round(makeSampler(spec.draw)(streams.get(name)));
  if (t < 0)
    throw new RangeError(`${name}: a time drawn below 0 (${t} ms); its distribution must stay at 0 or above`);
  return t;
}

/** Draws every fault's times; order and indexes follow the scenario. */
export function resolveFaults(specs: readonly FaultSpec[], streams: Streams): Fault[] {
  return specs.map((spec, index) => {
    const start = drawTime(spec.at, streams, `fault/${index}/at`);
    const duration = 'duration' in spec ? drawTime(spec.duration, streams, `fault/${index}/duration`) : 0;
    const found =
      spec.kind === 'ransomware'
        ? start + drawTime(spec.detectedAfter, streams, `fault/${index}/detected`)
        : start;
    return { ...spec, index, start, end: start + duration, found };
  });
}

/** Region, zone and control-plane outages of a run, as merged windows. */
export class Outages {
  private readonly regions = new Map<string, Window[]>();
  private readonly zones = new Map<string, Window[]>();
  private readonly controlPlanes = new Map<string, Window[]>();

  constructor(faults: readonly Fault[]) {
    const add = (map: Map<string, Window[]>, key: string, w: Window) => {
      if (w.to <= w.from) return;
      const list = map.get(key) ?? [];
      list.push(w);
      map.set(key, list);
    };
    for (const f of faults) {
      const w = { from: f.start, to: f.end };
      if (f.kind === 'region-outage') add(this.regions, f.region, w);
      else if (f.kind === 'zone-outage') add(this.zones, `${f.region}/${f.zone}`, w);
      else if (f.kind === 'control-plane') add(this.controlPlanes, f.region, w);
    }
    for (const map of [this.regions, this.zones, this.controlPlanes])
      for (const [k, list] of map) map.set(k, merge(list));
  }

  /** Whether a region is down at t. */
  regionDown(region: string, t: number): boolean {
    return inside(this.regions.get(region), t) !== null;
  }

  /** Whether a zone of a region is down at t (a region outage downs every zone). */
  zoneDown(region: string, zone: number, t: number): boolean {
    return this.regionDown(region, t) || inside(this.zones.get(`${region}/${zone}`), t) !== null;
  }

  /** Whether any zone of the region is down at t. */
  anyZoneDown(region: string, t: number): boolean {
    for (const [key, list] of this.zones)
      if (key.startsWith(`${region}/`) && inside(list, t) !== null) return true;
    return false;
  }

  /** The first instant ≥ t when the region is up. */
  regionUpFrom(region: string, t: number): number {
    return upFrom(this.regions.get(region), t);
  }

  /** The first instant ≥ t when the zone (and its region) is up. */
  zoneUpFrom(region: string, zone: number, t: number): number {
    let at = t;
    for (;;) {
      const next = upFrom(this.zones.get(`${region}/${zone}`), upFrom(this.regions.get(region), at));
      if (next === at) return at;
      at = next;
    }
  }

  /** The first instant ≥ t when failovers and restores can start in the region. */
  controlPlaneUpFrom(region: string, t: number): number {
    return upFrom(this.controlPlanes.get(region), t);
  }
}

function merge(list: Window[]): Window[] {
  const sorted = [...list].sort((a, b) => a.from - b.from || a.to - b.to);
  const out: Window[] = [];
  for (const w of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && w.from <= last.to) last.to = Math.max(last.to, w.to);
    else out.push({ ...w });
  }
  return out;
}

function inside(list: readonly Window[] | undefined, t: number): Window | null {
  if (list === undefined) return null;
  for (const w of list) if (w.from <= t && t < w.to) return w;
  return null;
}

function upFrom(list: readonly Window[] | undefined, t: number): number {
  const w = inside(list, t);
  return w === null ? t : w.to;
}
