// Charts as images, headlessly in Node: vega-lite spec → vega spec (vega-lite's compile)
// → scenegraph → SVG text (vega's View.toSVG, no browser, no canvas: text widths are
// vega's estimate, so the bytes do not depend on installed fonts) → PNG (resvg, a Rust
// renderer shipped prebuilt in the npm package). Same spec, same bytes.

import { Resvg } from '@resvg/resvg-js';
import { parse, View } from 'vega';
import { compile } from 'vega-lite';
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

/** Renders a chart's spec to SVG text with vega's SVG renderer. */
export async function chartSvg(chart: Chart): Promise<string> {
  const view = new View(parse(compile(chart.spec).spec), { renderer: 'none', logLevel: 0 });
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
  const resvg = new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}

/** Renders every chart in `format`, in chart order, as `<name>.<format>` files. */
export async function renderImages(charts: readonly Chart[], format: ImageFormat): Promise<ImageFile[]> {
  const out: ImageFile[] = [];
  // One at a time: a chart's dataflow is CPU work, and order keeps the output stable.
  for (const chart of charts) {
    const svg = await chartSvg(chart);
    const bytes = format === 'svg' ? new TextEncoder().encode(svg) : svgToPng(svg);
    out.push({ name: `${chart.name}.${format}`, bytes });
  }
  return out;
}
