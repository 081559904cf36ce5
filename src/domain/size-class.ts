/**
 * Enterprise size class per 《中小企业划型标准规定》(工信部联企业〔2011〕300号), read with the
 * 统计局 rule: 大型、中型、小型 must meet ALL the lower bounds listed for the class, otherwise the
 * enterprise drops one class (repeatedly); 微型 needs only one indicator below the 小型 bounds.
 * "以上" includes the number itself (民法典 第1259条), so every bound is `>=`.
 *
 * Indicators: 从业人员 X (人), 营业收入 Y (万元), 资产总额 Z (万元).
 */
import { compact } from './text.ts';

export type SizeClass = '大型' | '中型' | '小型' | '微型';

type Indicator = 'employees' | 'revenueWan' | 'assetsWan';
type Bounds = Partial<Record<Indicator, number>>;

export interface Industry {
  /** Name as in the 2011 standard. */
  name: string;
  /** Other words people use for it. */
  aliases: readonly string[];
  /** Lower bounds of 大型 / 中型 / 小型; below 小型 on any indicator is 微型. */
  large: Bounds;
  medium: Bounds;
  small: Bounds;
}

const industry = (name: string, aliases: string[], large: Bounds, medium: Bounds, small: Bounds): Industry => ({
  name, aliases, large, medium, small,
});
const XY = (x: number, y: number): Bounds => ({ employees: x, revenueWan: y });

/** The 16 industries of the standard, in its order. */
export const INDUSTRIES: readonly Industry[] = [
  industry('农、林、牧、渔业', ['农林牧渔业', '农林牧渔', '农业', '林业', '畜牧业', '牧业', '渔业', '养殖业', '种植业'],
    { revenueWan: 20000 }, { revenueWan: 500 }, { revenueWan: 50 }),
  // 工业 = 采矿业 + 制造业 + 电力、热力、燃气及水生产和供应业.
  industry('工业', ['制造业', '制造', '采矿业', '采矿', '电力、热力、燃气及水生产和供应业', '电力', '热力', '燃气', '供水'],
    XY(1000, 40000), XY(300, 2000), XY(20, 300)),
  industry('建筑业', ['建筑', '建筑施工', '施工'],
    { revenueWan: 80000, assetsWan: 80000 }, { revenueWan: 6000, assetsWan: 5000 }, { revenueWan: 300, assetsWan: 300 }),
  industry('批发业', ['批发'], XY(200, 40000), XY(20, 5000), XY(5, 1000)),
  industry('零售业', ['零售', '商超'], XY(300, 20000), XY(50, 500), XY(10, 100)),
  industry('交通运输业', ['交通运输', '运输业', '运输', '货运', '客运'], XY(1000, 30000), XY(300, 3000), XY(20, 200)),
  industry('仓储业', ['仓储'], XY(200, 30000), XY(100, 1000), XY(20, 100)),
  industry('邮政业', ['邮政', '快递'], XY(1000, 30000), XY(300, 2000), XY(20, 100)),
  industry('住宿业', ['住宿', '酒店', '宾馆'], XY(300, 10000), XY(100, 2000), XY(10, 100)),
  industry('餐饮业', ['餐饮', '饭店', '餐馆'], XY(300, 10000), XY(100, 2000), XY(10, 100)),
  industry('信息传输业', ['信息传输', '电信'], XY(2000, 100000), XY(100, 1000), XY(10, 100)),
  industry('软件和信息技术服务业', ['软件', '软件业', '信息技术服务', '信息技术服务业', 'IT'],
    XY(300, 10000), XY(100, 1000), XY(10, 50)),
  industry('房地产开发经营', ['房地产开发', '房地产', '房地产业'],
    { revenueWan: 200000, assetsWan: 10000 }, { revenueWan: 1000, assetsWan: 5000 }, { revenueWan: 100, assetsWan: 2000 }),
  industry('物业管理', ['物业', '物业服务'], XY(1000, 5000), XY(300, 1000), XY(100, 500)),
  industry('租赁和商务服务业', ['租赁', '商务服务', '商务服务业', '租赁业'],
    { employees: 300, assetsWan: 120000 }, { employees: 100, assetsWan: 8000 }, { employees: 10, assetsWan: 100 }),
  industry('其他未列明行业', ['其他', '其它', '其他行业', '未列明行业'],
    { employees: 300 }, { employees: 100 }, { employees: 10 }),
];

const INDICATOR_LABELS: Record<Indicator, string> = {
  employees: '从业人员（人）',
  revenueWan: '营业收入（万元）',
  assetsWan: '资产总额（万元）',
};

/** Finds an industry by its name or an alias ("制造业" → 工业). */
export function findIndustry(name: string): Industry | undefined {
  const key = compact(name).toUpperCase();
  return INDUSTRIES.find(
    (ind) => compact(ind.name) === key || ind.aliases.some((a) => compact(a).toUpperCase() === key),
  );
}

export interface SizeInput {
  industry: string;
  employees?: number;
  revenueWan?: number;
  assetsWan?: number;
}

export type SizeResult =
  | { ok: true; size: SizeClass; industry: Industry }
  | { ok: false; reason: string };

/**
 * Classifies an enterprise. Missing figures are tolerated when the known ones already decide:
 * one known indicator below the 小型 bound makes it 微型 whatever the others are.
 */
export function classifySize(input: SizeInput): SizeResult {
  const ind = findIndustry(input.industry);
  if (!ind) {
    return {
      ok: false,
      reason: `无法识别行业“${input.industry}”，请填写划型标准中的行业之一：${INDUSTRIES.map((i) => i.name).join('、')}。`,
    };
  }
  for (const key of Object.keys(INDICATOR_LABELS) as Indicator[]) {
    const v = input[key];
    if (v !== undefined && !(Number.isFinite(v) && v >= 0)) {
      return { ok: false, reason: `${INDICATOR_LABELS[key]}应为不小于0的数字，您填写的是“${v}”。` };
    }
  }
  const levels: [SizeClass, Bounds][] = [['大型', ind.large], ['中型', ind.medium], ['小型', ind.small]];
  for (const [size, bounds] of levels) {
    const needed = Object.keys(bounds) as Indicator[];
    if (needed.some((k) => input[k] !== undefined && input[k]! < bounds[k]!)) continue; // drop a class
    const missing = needed.filter((k) => input[k] === undefined);
    if (missing.length > 0) {
      return {
        ok: false,
        reason: `${ind.name}按${needed.map((k) => INDICATOR_LABELS[k]).join('和')}划型，缺少${missing
          .map((k) => INDICATOR_LABELS[k])
          .join('和')}，无法判断企业规模。`,
      };
    }
    return { ok: true, size, industry: ind };
  }
  return { ok: true, size: '微型', industry: ind };
}

/** 中小微 — the enterprises the distressed-SME mechanism (鹤岗 第一条) is about. */
export function isSme(size: SizeClass): boolean {
  return size !== '大型';
}
