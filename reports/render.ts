// Charts as images, headlessly in Node: vega-lite spec → vega spec (vega-lite's compile)
// → scenegraph → SVG text (vega's View.toSVG, no browser, no canvas: text widths are
// vega's estimate, so the bytes do not depend on installed fonts) → PNG (resvg, a Rust
// renderer shipped prebuilt in the npm package, rasterising that same SVG). Same spec,
// same bytes. Each chart is rendered once, however many image formats are asked for.
//
// vega, vega-lite and resvg are loaded on first use, not when this module is imported:
// together they cost about 0.4 CPU seconds to load, which every command would otherwise pay
// (issue 16).

import { createRequire } from 'node:module';
import type { Chart } from './charts/index.js';

/** An image format `vaultsim run --format` writes one file per chart in. */
export type ImageFormat = 'svg' | 'png';

/** One rendered chart: its file name and contents. */
export interface ImageFile {
  name: string;
  bytes: Uint8Array;
}

/** Pixels per SVG unit in PNGs: 2 gives sharp text on high-density screens and in slides. */
export const PNG_SCALE = 2;

type Vega = typeof import('vega');
type VegaLite = typeof import('vega-lite');
type Resvg = typeof import('@resvg/resvg-js');

let chartLibraries: Promise<{ vega: Vega; vegaLite: VegaLite }> | null = null;

// vega and vega-lite, imported once per process on the first chart.
function loadChartLibraries(): Promise<{ vega: Vega; vegaLite: VegaLite }> {
  chartLibraries ??= Promise.all([import('vega'), import('vega-lite')]).then(([vega, vegaLite]) => ({
    vega,
    vegaLite,
  }));
  return chartLibraries;
}

/** Renders a chart's spec to SVG text with vega's SVG renderer. */
export async function chartSvg(chart: Chart): Promise<string> {
  const { vega, vegaLite } = await loadChartLibraries();
  const view = new vega.View(vega.parse(vegaLite.compile(chart.spec).spec), {
    renderer: 'none',
    logLevel: 0,
  });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * Rasterises SVG text to PNG bytes on a white background. Text is drawn with the
 * machine's fonts (the specs ask for DejaVu Sans or Liberation Sans, which Debian's
 * chromium brings), so PNG bytes are stable on one machine image.
 */
export function svgToPng(svg: string, scale = PNG_SCALE): Uint8Array {
  // resvg is a CommonJS package with a native module: required (synchronously) on first use.
  const { Resvg } = createRequire(import.meta.url)('@resvg/resvg-js') as Resvg;
  const resvg = new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}

/**
 * Renders every chart once and writes it in each of `formats`: `<name>.svg` and/or
 * `<name>.png` (the PNG rasterised from that SVG), in chart order, then format order.
 */
export async function renderImages(
  charts: readonly Chart[],
  formats: ImageFormat | readonly ImageFormat[],
): Promise<ImageFile[]> {
  const wanted = typeof formats === 'string' ? [formats] : formats;
  const out: ImageFile[] = [];
  // One at a time: a chart's dataflow is CPU work, and order keeps the output stable.
  for (const chart of charts) {
    const svg = await chartSvg(chart);
    for (const format of wanted)
      out.push({
        name: `${chart.name}.${format}`,
        bytes: format === 'svg' ? new TextEncoder().encode(svg) : svgToPng(svg),
      });
  }
  return out;
}
