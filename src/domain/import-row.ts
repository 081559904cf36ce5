/**
 * One row of a unit's list, checked on its own: the three things a listing needs (企业名称,
 * 统一社会信用代码 with its GB 32100 check, a 预警情形 that this unit kind may raise — 鹤岗 第四条)
 * refuse the row when wrong; the optional profile (地区, 行业 and the 划型 figures) never does — what
 * cannot be read is left out with a note, so one odd cell does not hold up a whole list.
 */
import type { UnitKind } from './types.ts';
import { parseCount, parseWan } from './money.ts';
import { classifySize, findIndustry, type SizeClass } from './size-class.ts';
import { toHalfWidth } from './text.ts';
import { findTrigger, type Trigger } from './triggers.ts';
import { checkUscc } from './uscc.ts';

export interface RowInput {
  name: string;
  code: string;
  trigger: string;
  detail: string;
  region: string;
  industry: string;
  employees: string;
  revenue: string;
  assets: string;
}

export interface RowProfile {
  region?: string;
  industry?: string;
  sizeClass?: SizeClass;
  figures?: { employees?: number; revenueWan?: number; assetsWan?: number };
}

export interface CheckedRow {
  name: string;
  code: string;
  trigger: Trigger;
  detail: string;
  profile: RowProfile;
  /** What was left out or is worth a look (大型企业), one short sentence each. */
  notes: string[];
}

export type RowCheck = { ok: true; row: CheckedRow } | { ok: false; reason: string };

/** Codes, keys and numbers: half-width with single spaces — the forms they are compared and parsed in. */
const clean = (s: string) => toHalfWidth(s).replace(/\s+/gu, ' ').trim();
/**
 * Names and notes as the unit wrote them: （集团） and “，” stay full-width, as in the unit's own
 * papers and in what a liaison types into 登记. Only the blanks around the cell are dropped.
 */
const asWritten = (s: string) => s.trim();

export function checkRow(input: RowInput, unitKind: UnitKind): RowCheck {
  const name = asWritten(input.name);
  const codeText = clean(input.code);
  const triggerText = clean(input.trigger);
  const missing = [
    ...(name ? [] : ['企业名称']),
    ...(codeText ? [] : ['统一社会信用代码']),
    ...(triggerText ? [] : ['预警情形']),
  ];
  if (missing.length) return { ok: false, reason: `缺少${missing.join('、')}。` };
  if (name.length > 100) return { ok: false, reason: '企业名称超过100个字，请核对。' };
  const code = checkUscc(codeText);
  if (!code.ok) return { ok: false, reason: code.reason };
  const found = findTrigger(triggerText, unitKind);
  if (!found.ok) return { ok: false, reason: found.reason };
  const detail = asWritten(input.detail).slice(0, 500);
  if (found.trigger.detailRequired && !detail) return { ok: false, reason: `“${found.trigger.label}”须在“说明”中写明具体情况。` };

  const notes: string[] = [];
  const figure = (text: string, label: string, parse: (s: string) => number | null): number | undefined => {
    const t = clean(text);
    if (!t) return undefined;
    const n = parse(t);
    if (n === null) notes.push(`${label}“${t}”不是数字，未记录`);
    return n ?? undefined;
  };
  const employees = figure(input.employees, '从业人数', parseCount);
  const revenueWan = figure(input.revenue, '营业收入', parseWan);
  const assetsWan = figure(input.assets, '资产总额', parseWan);
  const figures = {
    ...(employees !== undefined ? { employees } : {}),
    ...(revenueWan !== undefined ? { revenueWan } : {}),
    ...(assetsWan !== undefined ? { assetsWan } : {}),
  };
  const profile: RowProfile = {};
  const region = asWritten(input.region).slice(0, 50);
  if (region) profile.region = region;
  if (Object.keys(figures).length) profile.figures = figures;
  const industry = clean(input.industry);
  if (industry) {
    const size = classifySize({ industry, ...figures });
    if (size.ok) {
      profile.industry = size.industry.name;
      profile.sizeClass = size.size;
      if (size.size === '大型') notes.push('按划型标准为大型企业，不属于中小微企业识别范围，请核实');
    } else if (/无法识别行业/u.test(size.reason)) {
      notes.push(`行业“${industry}”无法识别，未记录`);
    } else {
      profile.industry = findIndustry(industry)?.name ?? industry;
      notes.push('划型指标不全，未判断规模');
    }
  }
  return { ok: true, row: { name, code: code.code, trigger: found.trigger, detail, profile, notes } };
}
