// Same bytes on every machine (issue 21): every chart formats time in UTC, so a chart's
// compiled vega spec and its SVG are the same under TZ=America/New_York as under UTC. The
// fixture's alerts fire at 23:15Z and 02:05Z, instants whose New York date is another day.
import { compile } from 'vega-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { buildCharts } from '../../../reports/charts/index.js';
import { chartSvg } from '../../../reports/render.js';
import { fullResults } from './fixture.js';

const saved = process.env.TZ;
afterEach(() => {
  if (saved === undefined) delete process.env.TZ;
  else process.env.TZ = saved;
});

/** Every chart of the fixture runs as (name, compiled vega JSON, SVG), under time zone `tz`. */
async function renderedIn(tz: string): Promise<[string, string, string][]> {
  // Node re-reads TZ when it is assigned, so Date and Intl follow it from here on.
  process.env.TZ = tz;
  const out: [string, string, string][] = [];
  for (const chart of buildCharts(fullResults()))
    out.push([chart.name, JSON.stringify(compile(chart.spec).spec), await chartSvg(chart)]);
  return out;
}

describe('charts under another time zone', () => {
  it('should never depend on the machine time zone: alerts.svg and every other chart are the same bytes', async () => {
    const utc = await renderedIn('UTC');
    // The switch took effect: 2026-03-06T02:05Z is still 5 March in New York.
    const local = () => new Date(Date.UTC(2026, 2, 6, 2, 5)).getDate();
    expect(local()).toBe(6);
    const newYork = await renderedIn('America/New_York');
    expect(local()).toBe(5);
    expect(newYork.map(([name]) => name)).toEqual(utc.map(([name]) => name));
    expect(utc.map(([name]) => name)).toContain('alerts');
    for (let i = 0; i < utc.length; i++) {
      expect(newYork[i][1], `${utc[i][0]}: vega spec`).toBe(utc[i][1]);
      expect(newYork[i][2], `${utc[i][0]}.svg`).toBe(utc[i][2]);
    }
  });

  it('compiles to UTC time formatting only (no local timeFormat or timeParse, no local time scale)', () => {
    for (const chart of buildCharts(fullResults())) {
      const vega = JSON.stringify(compile(chart.spec).spec);
      expect(vega, chart.name).not.toMatch(/(?<![A-Za-z])(timeFormat|timeParse)\(/);
      expect(vega, chart.name).not.toMatch(/"type":"time"/);
    }
  });

  it('writes the alert tooltips and descriptions as UTC text', () => {
    const alerts = buildCharts(fullResults()).find((c) => c.name === 'alerts')!;
    const values = (alerts.spec as unknown as { data: { values: Record<string, unknown>[] } }).data.values;
    expect(values[0]).toEqual(
      expect.objectContaining({
        fired: '2026-03-02 23:15:00 UTC',
        resolved: '2026-03-03 00:15:00 UTC',
        description:
          'backup-failures, Sev2, base: fired 2026-03-02 23:15:00 UTC, resolved 2026-03-03 00:15:00 UTC',
      }),
    );
  });
});
