/**
 * The spreadsheet a member unit fills in to hand in its list (001 §五(二): 吊销企业名单、欠税企业名单、
 * 困境企业名单 …). One template per unit: the 预警情形 column offers exactly that unit kind's triggers
 * (a drop-down from the 预警情形 sheet), and the workbook remembers the unit it was made for, so a
 * list filled in on another unit's template is noticed when it comes back.
 */
import ExcelJS from 'exceljs';
import type { Config } from '../config/config.ts';
import type { Unit } from '../domain/types.ts';
import { formatOfficialDate } from '../domain/dates.ts';
import { INDUSTRIES } from '../domain/size-class.ts';
import { triggersFor } from '../domain/triggers.ts';

/** The columns of the list, in order, with the header people see. */
export const TEMPLATE_COLUMNS = [
  { key: 'name', header: '企业名称', width: 32, required: true },
  { key: 'code', header: '统一社会信用代码', width: 24, required: true },
  { key: 'trigger', header: '预警情形', width: 30, required: true },
  { key: 'detail', header: '说明', width: 36, required: false },
  { key: 'region', header: '地区', width: 12, required: false },
  { key: 'industry', header: '行业', width: 18, required: false },
  { key: 'employees', header: '从业人数', width: 10, required: false },
  { key: 'revenue', header: '营业收入(万元)', width: 14, required: false },
  { key: 'assets', header: '资产总额(万元)', width: 14, required: false },
] as const;

export type TemplateKey = (typeof TEMPLATE_COLUMNS)[number]['key'];

/** How the workbook names the unit it was made for (read back by the import). */
export const UNIT_MARK = 'fuyuan-list:';

/**
 * A validation over a whole range. exceljs writes `worksheet.dataValidations` (keyed by address,
 * ranges allowed) but its typings only declare the per-cell form; 3,000 single cells would do the same.
 */
function validate(ws: ExcelJS.Worksheet, range: string, rule: ExcelJS.DataValidation): void {
  (ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(range, rule);
}

/** Rows the drop-downs cover. */
const ROWS = 1000;

export function buildTemplateWorkbook(config: Config, unit: Unit, today: string): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = config.mechanism.office;
  wb.title = `${unit.name}报送名单`;
  wb.keywords = `${UNIT_MARK}${unit.id}`;
  const list = wb.addWorksheet('名单', { views: [{ state: 'frozen', ySplit: 1 }] });
  list.columns = TEMPLATE_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  const header = list.getRow(1);
  header.font = { bold: true, name: '黑体' };
  header.alignment = { vertical: 'middle', horizontal: 'center' };
  // 信用代码 as text, so Excel keeps all 18 characters of an all-digit code.
  list.getColumn('code').numFmt = '@';

  const triggers = triggersFor(unit.kind);
  const sheet = wb.addWorksheet('预警情形');
  sheet.columns = [
    { header: '预警情形', key: 'label', width: 36 },
    { header: '也可写', key: 'aliases', width: 40 },
    { header: '依据', key: 'basis', width: 36 },
  ];
  sheet.getRow(1).font = { bold: true, name: '黑体' };
  for (const t of triggers) sheet.addRow({ label: t.label, aliases: t.aliases.join('、'), basis: t.basis });
  validate(list, `C2:C${ROWS + 1}`, {
    type: 'list',
    allowBlank: true,
    formulae: [`'预警情形'!$A$2:$A$${triggers.length + 1}`],
    showErrorMessage: true,
    errorTitle: '预警情形',
    error: `请从下拉列表中选择${unit.name}的预警情形。`,
  });
  validate(list, `F2:F${ROWS + 1}`, {
    type: 'list',
    allowBlank: true,
    formulae: [`"${INDUSTRIES.map((i) => i.name.replace(/[、，,]/gu, '')).join(',')}"`],
    // Other wordings of an industry (制造业, 零售) are understood too: a warning, not a refusal.
    showErrorMessage: true,
    errorStyle: 'warning',
    error: '建议从列表中选择划型标准中的行业。',
  });
  for (const [col, what] of [['G', '从业人数'], ['H', '营业收入'], ['I', '资产总额']] as const) {
    validate(list, `${col}2:${col}${ROWS + 1}`, {
      type: 'decimal', operator: 'greaterThanOrEqual', allowBlank: true, formulae: [0],
      showErrorMessage: true, errorStyle: 'warning', error: `${what}请填数字${what === '从业人数' ? '（人）' : '（万元）'}。`,
    });
  }

  const notes = wb.addWorksheet('填写说明');
  notes.getColumn(1).width = 100;
  const lines = [
    `${unit.name}报送名单（${config.mechanism.name}）`,
    `模板生成日期：${formatOfficialDate(today)}；适用单位：${unit.name}`,
    '1. 每行一家企业、一种预警情形；同一企业有两种情形的，写两行。',
    '2. 企业名称、统一社会信用代码、预警情形必填；“其他情形”须在“说明”中写明具体情况。',
    '3. 统一社会信用代码为18位，系统会核对校验位，有误的行不予导入。',
    '4. 行业、从业人数、营业收入、资产总额用于按《中小企业划型标准规定》判断企业规模，可不填；填行业时请同时填相应指标。',
    '5. 填好后把文件直接发给府院联动助手（单聊），助手先回复预览，回复“确认”后才导入名册。',
  ];
  lines.forEach((text, i) => {
    const row = notes.addRow([text]);
    if (i === 0) row.font = { bold: true, size: 14, name: '黑体' };
  });
  return wb;
}

export async function templateXlsx(config: Config, unit: Unit, today: string): Promise<Uint8Array> {
  const buffer = await buildTemplateWorkbook(config, unit, today).xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
