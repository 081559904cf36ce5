/**
 * Splits text into chunks whose measured size stays within a budget, cutting between lines so a list
 * item or a sentence stays whole; only a single line longer than the budget is cut inside, and then
 * between code points (never inside a surrogate pair or a UTF-8 sequence).
 * `measure` must be additive over concatenation (UTF-8 length, JSON-escaped length).
 */
export type Measure = (s: string) => number;

export const utf8Bytes: Measure = (s) => Buffer.byteLength(s, 'utf8');

/** Bytes a string takes inside a JSON string literal (quotes excluded): `\n` costs 2, `"` costs 2. */
export const jsonStringBytes: Measure = (s) => Buffer.byteLength(JSON.stringify(s), 'utf8') - 2;

export function splitByLines(text: string, maxBytes: number, measure: Measure = utf8Bytes): string[] {
  if (maxBytes < 8) throw new Error(`split budget too small: ${maxBytes}`);
  if (measure(text) <= maxBytes) return [text];
  const newline = measure('\n');
  const chunks: string[] = [];
  let current: string[] = [];
  let size = 0;
  const flush = (): void => {
    if (current.length > 0) chunks.push(current.join('\n'));
    current = [];
    size = 0;
  };
  for (const line of text.split('\n')) {
    for (const piece of cutLine(line, maxBytes, measure)) {
      const cost = measure(piece) + (current.length > 0 ? newline : 0);
      if (size + cost > maxBytes) flush();
      size += measure(piece) + (current.length > 0 ? newline : 0);
      current.push(piece);
    }
  }
  flush();
  // Blank lines at a cut are noise at the top or bottom of a message.
  return chunks.map((c) => c.replace(/^\n+|\n+$/g, '')).filter((c) => c.length > 0);
}

function cutLine(line: string, maxBytes: number, measure: Measure): string[] {
  if (measure(line) <= maxBytes) return [line];
  const pieces: string[] = [];
  let piece = '';
  let size = 0;
  for (const ch of line) {
    const cost = measure(ch);
    if (size + cost > maxBytes) {
      pieces.push(piece);
      piece = '';
      size = 0;
    }
    piece += ch;
    size += cost;
  }
  if (piece) pieces.push(piece);
  return pieces;
}
