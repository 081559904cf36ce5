/**
 * Breaks a 标题 into lines that fit the text block, between words (GB/T 9704-2012 7.3.1: 回行时要做到
 * 词意完整，排列对称). Words come from ICU's Chinese dictionary (Intl.Segmenter); a boundary between two
 * words of two or more characters is a good break, one next to a single character (府|院, 纾|困, which
 * the dictionary does not know) is avoided when another fits. The lines are kept about equally long.
 */
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** Width in full-width characters: digits and Latin letters are set half-width. */
export function widthOf(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.charCodeAt(0) < 0x2000 ? 0.5 : 1;
  return w;
}

/** Breaks that leave this word at the end of a line, or carry it to the next, read badly. */
const HEAD_ONLY = new Set(['关于', '的', '年', '月', '日', '第', '（']);

interface Boundary {
  at: number;
  /** Cost of breaking here: 0 between two real words. */
  penalty: number;
}

/** Words; runs of single characters the dictionary split (府|院|联|动) are taken as one word. */
function words(text: string): string[] {
  const out: string[] = [];
  let single = false;
  for (const { segment } of segmenter.segment(text)) {
    const one = [...segment].length === 1 && /\p{Script=Han}/u.test(segment);
    if (one && single) out[out.length - 1] += segment;
    else out.push(segment);
    single = one;
  }
  return out;
}

function boundaries(text: string): Boundary[] {
  const segs = words(text);
  const out: Boundary[] = [];
  let at = 0;
  for (let i = 0; i < segs.length - 1; i++) {
    at += segs[i]!.length;
    const before = segs[i]!;
    const after = segs[i + 1]!;
    const weak = [...before].length < 2 || [...after].length < 2;
    const numeric = /\d$/u.test(before) || /^\d/u.test(after) || /^[年月日号期]/u.test(after);
    // Before 关于 is where a 标题 turns from the issuer to the matter: the best break there is.
    const penalty = after === '关于' ? -30 : numeric ? 1000 : (weak ? 40 : 0) + (HEAD_ONLY.has(before) ? 40 : 0);
    out.push({ at, penalty });
  }
  return out;
}

/**
 * The lines of `text` when each holds at most `capacity` full-width characters. A title that fits stays
 * one line.
 */
export function titleLines(text: string, capacity: number): string[] {
  const total = widthOf(text);
  if (total <= capacity) return [text];
  const lines = Math.ceil(total / capacity);
  const target = total / lines;
  const cuts = boundaries(text);
  // Dynamic programming over the word boundaries: best[i] is the cheapest way to end a line at cuts[i].
  const points = [{ at: 0, penalty: 0 }, ...cuts, { at: text.length, penalty: 0 }];
  const best: { cost: number; prev: number }[] = points.map(() => ({ cost: Infinity, prev: -1 }));
  best[0] = { cost: 0, prev: -1 };
  for (let j = 1; j < points.length; j++) {
    for (let i = 0; i < j; i++) {
      if (best[i]!.cost === Infinity) continue;
      const w = widthOf(text.slice(points[i]!.at, points[j]!.at));
      if (w > capacity) continue;
      const cost = best[i]!.cost + 0.5 * (w - target) ** 2 + points[j]!.penalty + 100;
      if (cost < best[j]!.cost) best[j] = { cost, prev: i };
    }
  }
  if (best[points.length - 1]!.cost === Infinity) return hardLines(text, capacity);
  const ends: number[] = [];
  for (let j = points.length - 1; j > 0; j = best[j]!.prev) ends.unshift(points[j]!.at);
  let start = 0;
  return ends.map((end) => text.slice(start, (start = end)));
}

/** A run of text with no boundary short enough (a very long number): cut by width. */
function hardLines(text: string, capacity: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const ch of text) {
    if (widthOf(line + ch) > capacity) {
      out.push(line);
      line = '';
    }
    line += ch;
  }
  return [...out, line];
}
