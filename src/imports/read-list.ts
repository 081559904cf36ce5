/**
 * Reads a unit's list from an .xlsx file: the sheet 名单 (or the first one), its header row found
 * by the column names (so a list a unit kept in its own layout, with the same headers, reads too),
 * every non-empty row as text. Nothing is judged here except what only the file can tell: a code
 * Excel stored as a number has already lost digits.
 */
import ExcelJS from 'exceljs';
import { UserError } from '../domain/errors.ts';
import { toHalfWidth } from '../domain/text.ts';
import { UNIT_MARK } from '../documents/template-xlsx.ts';
import type { ImportRow } from '../store/model.ts';

type Field = Exclude<keyof ImportRow, 'row' | 'problem'>;

/** Header words per field, compared without spaces, brackets and units. */
const HEADERS: Record<Field, readonly string[]> = {
  name: ['企业名称', '名称', '企业', '单位名称'],
  code: ['统一社会信用代码', '信用代码', '社会信用代码', '代码'],
  trigger: ['预警情形', '情形', '预警原因', '列入原因'],
  detail: ['说明', '情况说明', '具体情况', '备注', '详情'],
  region: ['地区', '区域', '所在地区', '镇街', '所在镇街'],
  industry: ['行业', '所属行业'],
  employees: ['从业人数', '从业人员', '人数', '职工人数'],
  revenue: ['营业收入', '营收', '年营业收入'],
  assets: ['资产总额', '资产', '总资产'],
};
const REQUIRED: readonly Field[] = ['name', 'code', 'trigger'];
const LABELS: Record<Field, string> = {
  name: '企业名称', code: '统一社会信用代码', trigger: '预警情形', detail: '说明', region: '地区',
  industry: '行业', employees: '从业人数', revenue: '营业收入(万元)', assets: '资产总额(万元)',
};

export const MAX_ROWS = 5000;
export const MAX_BYTES = 5 * 1024 * 1024;

export interface ListFile {
  rows: ImportRow[];
  /** The unit id the template was made for, when it is one of ours. */
  madeFor?: string;
}

function headerKey(text: string): string {
  return toHalfWidth(text).replace(/\s+/gu, '').replace(/[(（][^)）]*[)）]/gu, '').replace(/[*＊:：]/gu, '');
}

function fieldOf(text: string): Field | undefined {
  const key = headerKey(text);
  return (Object.keys(HEADERS) as Field[]).find((f) => HEADERS[f].includes(key));
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'result' in v) return v.result === undefined || v.result === null ? '' : String(v.result);
  return (cell.text ?? '').trim();
}

export async function readListFile(bytes: Uint8Array, fileName: string): Promise<ListFile> {
  if (bytes.byteLength > MAX_BYTES) throw new UserError(`文件太大（超过${MAX_BYTES / 1024 / 1024}MB），请分成几个文件发送。`);
  // An .xlsx is a zip ("PK"); the old .xls format and CSV are not read.
  if (bytes.byteLength < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new UserError(`《${fileName}》不是 .xlsx 格式的表格。请用“模板”获取表格填写，或在 Excel/WPS 中“另存为 .xlsx”后再发送。`);
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw new UserError(`《${fileName}》无法读取，可能已损坏。请在 Excel/WPS 中重新保存为 .xlsx 后再发送。`);
  }
  const sheet = wb.getWorksheet('名单') ?? wb.worksheets[0];
  if (!sheet) throw new UserError(`《${fileName}》里没有工作表。`);
  const madeFor = wb.keywords?.startsWith(UNIT_MARK) ? wb.keywords.slice(UNIT_MARK.length) : undefined;

  // The header is the row (among the first ten) that names the most known columns.
  let headerRow = 0;
  let columns = new Map<Field, number>();
  for (let r = 1; r <= Math.min(sheet.rowCount, 10); r++) {
    const found = new Map<Field, number>();
    sheet.getRow(r).eachCell((cell, col) => {
      const f = fieldOf(cellText(cell));
      if (f && !found.has(f)) found.set(f, col);
    });
    if (found.size > columns.size) {
      headerRow = r;
      columns = found;
    }
  }
  const lacking = REQUIRED.filter((f) => !columns.has(f));
  if (lacking.length) {
    throw new UserError(`《${fileName}》的表头缺少${lacking.map((f) => `“${LABELS[f]}”`).join('、')}列。请用“模板”获取表格填写。`);
  }

  const rows: ImportRow[] = [];
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const value = (f: Field) => {
      const c = columns.get(f);
      return c ? cellText(row.getCell(c)) : '';
    };
    const item: ImportRow = {
      row: r,
      name: value('name'), code: value('code'), trigger: value('trigger'), detail: value('detail'), region: value('region'),
      industry: value('industry'), employees: value('employees'), revenue: value('revenue'), assets: value('assets'),
    };
    if (Object.entries(item).every(([k, v]) => k === 'row' || v === '')) continue;
    const codeCell = row.getCell(columns.get('code')!);
    if (typeof codeCell.value === 'number' && String(Math.trunc(codeCell.value)).length > 15) {
      item.problem = '统一社会信用代码被 Excel 存成了数字，末几位已经丢失。请把该列设为“文本”后重新填写这一行。';
    }
    rows.push(item);
    if (rows.length > MAX_ROWS) throw new UserError(`《${fileName}》超过${MAX_ROWS}行，请分成几个文件发送。`);
  }
  if (rows.length === 0) throw new UserError(`《${fileName}》里没有填写任何企业。`);
  return { rows, ...(madeFor ? { madeFor } : {}) };
}
