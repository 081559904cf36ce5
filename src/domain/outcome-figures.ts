/**
 * The figures recorded when an enterprise leaves the roster, the ones a 纾困中心 reports (东莞:
 * 盘活资产近3亿元, 释放土地厂房资源近100万平方米, 为2257名职工追回欠薪1467万元). Money is kept in 万元
 * (parseWan), land in 亩 (how land is measured in China), buildings in 平方米, people as counts.
 */
import { formatWan, parseCount, parseWan } from './money.ts';
import { toHalfWidth } from './text.ts';

export type FigureKey = 'debtWan' | 'workers' | 'wagesWan' | 'assetsWan' | 'landMu' | 'buildingSqm';
export type Figures = Partial<Record<FigureKey, number>>;

type FigureKind = 'money' | 'count' | 'mu' | 'sqm';

export interface FigureSpec {
  key: FigureKey;
  /** The Chinese key people type: 化解债务:500万 */
  label: string;
  aliases: string[];
  kind: FigureKind;
  hint: string;
  /** How to write it, for error sentences. */
  example: string;
}

export const FIGURES: readonly FigureSpec[] = [
  { key: 'debtWan', label: '化解债务', aliases: ['债务'], kind: 'money', hint: '化解的债务金额，如 500万', example: '500万 或 1.2亿' },
  { key: 'workers', label: '职工', aliases: ['职工人数', '涉及职工'], kind: 'count', hint: '涉及职工人数，如 42', example: '42 或 42人' },
  { key: 'wagesWan', label: '追回工资', aliases: ['追回欠薪', '欠薪'], kind: 'money', hint: '为职工追回的欠薪，如 120万', example: '120万' },
  { key: 'assetsWan', label: '盘活资产', aliases: ['资产'], kind: 'money', hint: '盘活的资产，如 800万 或 1.2亿', example: '800万 或 1.2亿' },
  { key: 'landMu', label: '土地', aliases: ['释放土地'], kind: 'mu', hint: '释放的土地，如 30亩 或 20000平方米', example: '30亩 或 20000平方米' },
  { key: 'buildingSqm', label: '厂房', aliases: ['释放厂房'], kind: 'sqm', hint: '释放的厂房，如 5000平方米', example: '5000平方米' },
];

export function figureSpec(key: FigureKey): FigureSpec {
  return FIGURES.find((f) => f.key === key)!;
}

/** 1 亩 = 10000/15 平方米 (exactly 666.67 to two places). */
export const SQM_PER_MU = 10000 / 15;

export type AreaParse = { ok: true; value: number; unit: '亩' | '平方米' } | { ok: false };

/**
 * '30亩', '30.5 亩', '5000平方米', '5000平米', '5000㎡', '5000m2', '1.2万平方米', '2万亩'.
 * A bare number is in `bare` (the unit the field is kept in).
 */
export function parseArea(text: string, bare: '亩' | '平方米'): AreaParse {
  const s = toHalfWidth(text).replace(/[,，\s]/gu, '');
  const m = /^(\d+(?:\.\d+)?)(万)?(亩|平方米|平米|㎡|m2|m²)?$/iu.exec(s);
  if (!m) return { ok: false };
  const n = Number(m[1]) * (m[2] ? 10000 : 1);
  if (!Number.isFinite(n)) return { ok: false };
  const unit = m[3] === undefined ? bare : m[3] === '亩' ? '亩' : '平方米';
  return { ok: true, value: n, unit };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export type FigureParse = { ok: true; value: number } | { ok: false; reason: string };

/** Reads one figure as typed; the reason is one Chinese sentence naming the right form. */
export function parseFigure(key: FigureKey, text: string): FigureParse {
  const spec = figureSpec(key);
  const bad = (): FigureParse => ({ ok: false, reason: `“${text.trim()}”看不懂，请写成 ${spec.example} 的形式` });
  switch (spec.kind) {
    case 'money': {
      const n = parseWan(text);
      return n === null ? bad() : { ok: true, value: n };
    }
    case 'count': {
      const n = parseCount(text);
      return n === null ? bad() : { ok: true, value: n };
    }
    case 'mu':
    case 'sqm': {
      const a = parseArea(text, spec.kind === 'mu' ? '亩' : '平方米');
      if (!a.ok) return bad();
      const wantMu = spec.kind === 'mu';
      const value = wantMu === (a.unit === '亩') ? a.value : wantMu ? a.value / SQM_PER_MU : a.value * SQM_PER_MU;
      return { ok: true, value: round2(value) };
    }
  }
}

function formatNumber(n: number): string {
  return String(round2(n));
}

/** '化解债务500万元', '职工42人', '土地30亩', '厂房5000平方米'. */
export function formatFigure(key: FigureKey, value: number): string {
  const spec = figureSpec(key);
  switch (spec.kind) {
    case 'money':
      return `${spec.label}${formatWan(value)}`;
    case 'count':
      return `${spec.label}${value}人`;
    case 'mu':
      return `${spec.label}${formatNumber(value)}亩`;
    case 'sqm':
      return `${spec.label}${formatNumber(value)}平方米`;
  }
}

/** The figures that were given, in the order of FIGURES, joined with '、'; '' when none. */
export function formatFigures(figures: Figures | Record<string, number> | undefined): string {
  if (!figures) return '';
  const f = figures as Figures;
  return FIGURES.filter((s) => f[s.key] !== undefined).map((s) => formatFigure(s.key, f[s.key]!)).join('、');
}

/** Land and buildings together in 平方米, the way 东莞 reports "土地厂房资源". */
export function totalAreaSqm(figures: Figures): number {
  return round2((figures.landMu ?? 0) * SQM_PER_MU + (figures.buildingSqm ?? 0));
}
