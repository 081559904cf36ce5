import { toHalfWidth } from './text.ts';

/**
 * Amounts as officials write them, in 万元 (the unit of the SME standard and of loan ledgers):
 * "500万", "500万元", "1.2亿", "3,000" (a bare number is taken as 万元), "80000元".
 * Returns null for anything else, so the caller can say what it expected.
 */
export function parseWan(text: string): number | null {
  const s = toHalfWidth(text).replace(/[,，\s]/g, '');
  const m = /^(\d+(?:\.\d+)?)(亿元?|万元?|元)?$/.exec(s);
  if (!m) return null;
  const n = Number(m[1]);
  const unit = m[2] ?? '万';
  const wan = unit.startsWith('亿') ? n * 10000 : unit === '元' ? n / 10000 : n;
  return Number.isFinite(wan) ? Math.round(wan * 10000) / 10000 : null;
}

/** "1234.5" 万元 → "1234.5万元"; ≥ 1亿 → "1.23亿元". */
export function formatWan(wan: number): string {
  if (wan >= 10000) return `${trim(wan / 10000)}亿元`;
  return `${trim(wan)}万元`;
}

function trim(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** A head count such as "35", "35人". */
export function parseCount(text: string): number | null {
  const s = toHalfWidth(text).replace(/[,，\s]/g, '');
  const m = /^(\d{1,7})(人|件|个|名)?$/.exec(s);
  return m ? Number(m[1]) : null;
}
