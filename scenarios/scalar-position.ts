// Where a character of a string value sits in the file: the offset in the YAML text of the
// value's `index`-th character, so an error inside a KQL query points at its line and column
// (issue 19). Exact for block literals (`|`, `|-`), single-line plain scalars and single-line
// quoted scalars (escapes counted); for other styles (folded `>`, multi-line plain or quoted)
// the value's first character, which is still the right line to look at.

/** A scalar node as the yaml parser gives it: its style and its range in the text. */
export interface ScalarNode {
  type?: string | null;
  range?: [number, number, number] | null;
}

/** The text offset of the value's character `index`, or of the value's start when it cannot be told. */
export function scalarOffset(text: string, node: ScalarNode, index: number): number {
  const range = node.range;
  if (range === undefined || range === null) return 0;
  const [start, end] = range;
  const source = text.slice(start, end);
  switch (node.type) {
    case 'BLOCK_LITERAL':
      return start + (literalOffset(source, index) ?? 0);
    case 'PLAIN':
      return source.includes('\n') ? start : start + Math.min(index, source.length);
    case 'QUOTE_DOUBLE':
    case 'QUOTE_SINGLE':
      return source.includes('\n')
        ? start
        : start + quotedOffset(source, index, node.type === 'QUOTE_DOUBLE');
    default:
      return start;
  }
}

// In a block literal's source (header line, then indented lines), the offset of value char `index`.
function literalOffset(source: string, index: number): number | null {
  const header = source.indexOf('\n');
  if (header < 0) return null;
  const lines: { at: number; text: string }[] = [];
  for (let at = header + 1; at <= source.length; ) {
    const nl = source.indexOf('\n', at);
    const stop = nl < 0 ? source.length : nl;
    lines.push({ at, text: source.slice(at, stop) });
    if (nl < 0) break;
    at = nl + 1;
  }
  const firstText = lines.find((l) => l.text.trim() !== '');
  // The content's indentation, from its first non-empty line (an explicit indentation indicator is not read).
  const indent = firstText === undefined ? 0 : /^ */.exec(firstText.text)![0].length;
  let remaining = index;
  for (const l of lines) {
    const length = Math.max(0, l.text.length - indent);
    if (remaining <= length) return l.at + Math.min(indent, l.text.length) + remaining;
    remaining -= length + 1;
  }
  return null;
}

// In a one-line quoted scalar, the offset of value char `index` (past the quote, escapes counted).
function quotedOffset(source: string, index: number, double: boolean): number {
  let i = 1;
  for (let n = 0; n < index && i < source.length - 1; n++) {
    if (double && source[i] === '\\') {
      const e = source[i + 1];
      i += e === 'x' ? 4 : e === 'u' ? 6 : e === 'U' ? 10 : 2;
    } else if (!double && source[i] === "'" && source[i + 1] === "'") i += 2;
    else i++;
  }
  return i;
}
