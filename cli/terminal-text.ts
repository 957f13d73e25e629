// Text from files (a variant name in a part, a figure name from a rule) may hold escape
// sequences; printed raw, they would move the cursor, recolour or retitle the user's
// terminal, or reorder what a line shows (issue 21). What the CLI prints as text passes
// through here first; JSON output escapes them itself.

// C0 controls but tab and newline, DEL, C1 controls, and the bidirectional overrides and
// isolates (U+202A–U+202E, U+2066–U+2069) that can make a line read other than it is.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** `text` without the characters that would act on a terminal instead of showing. */
export function printable(text: string): string {
  return text.replace(UNSAFE, '');
}
