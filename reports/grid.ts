// A grid of cells as plain text (first column left-aligned, the others right-aligned, two
// spaces apart) or as a Markdown table. Widths count UTF-16 code units, as padStart does.

/** Renders a header and rows as lines of text or of a Markdown table. */
export function renderGrid(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  format: 'text' | 'md',
): string[] {
  if (format === 'md') {
    const cell = (s: string) => s.replace(/\|/g, '\\|');
    const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
    return [
      line(head),
      `|${head.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`,
      ...rows.map(line),
    ];
  }
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[0]) : `  ${c.padStart(widths[i])}`))
      .join('')
      .trimEnd();
  return [line(head), ...rows.map(line)];
}
