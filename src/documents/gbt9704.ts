/**
 * The GB/T 9704-2012 page and type the office's documents use (domain-rules §4.2): A4 with the
 * standard margins (天头 37 mm, 订口 28 mm; a 156 × 225 mm text block of 22 lines × 28 characters),
 * 标题 2号小标宋, 正文 3号仿宋, the hierarchy 一、(黑体) → （一）(楷体) → 1. → （1）(仿宋), 成文日期
 * right-aligned 右空四字 in Arabic numerals without zero padding. Fonts are named, not embedded:
 * a reader without them sees a fallback, and Word or WPS on an office PC has them.
 */
import {
  AlignmentType, BorderStyle, LineRuleType, Paragraph, Table, TableBorders, TableCell, TableRow, TextRun, VerticalAlign,
  WidthType,
} from 'docx';
import { titleLines } from './title-lines.ts';

export const FONTS = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  /** Digits and Latin letters beside the Chinese text. */
  latin: 'Times New Roman',
} as const;

/** Half-points: 2号 22pt, 3号 16pt, 4号 14pt, 小四 12pt. */
export const SIZE = { title: 44, body: 32, small: 28, table: 24 } as const;

export const MM = 56.7;
/** Twips of one character at 3号 (16pt). */
export const CHAR = 320;
/** 28.95 pt: 22 lines in the 225 mm block. */
export const LINE = 579;
export const RED = 'FF0000';

export const PAGE = {
  width: 11906,
  height: 16838,
  margin: { top: Math.round(37 * MM), bottom: Math.round(35 * MM), left: Math.round(28 * MM), right: Math.round(26 * MM) },
};
export const TEXT_WIDTH = PAGE.width - PAGE.margin.left - PAGE.margin.right;

type Font = keyof typeof FONTS;

export interface RunStyle {
  font?: Font;
  size?: number;
  bold?: boolean;
  color?: string;
  /** false: off the character grid (a 2号 title's characters are wider than a cell). */
  grid?: boolean;
}

/**
 * Punctuation that Unicode leaves to the font (“ ” ‘ ’ — … ·): a word processor sets it in the Latin
 * font, half-width, unless the run's Latin font is the Chinese one.
 */
const AMBIGUOUS = /([“”‘’—…·]+)/u;

/** Twentieths of a point taken off each character (16 pt → 15.75 pt; the grid's cell is 15.79 pt). */
const CONDENSE = -5;

/** The paragraph style of titles: off the character grid (gbt9704-page.ts writes the style). */
export const TITLE_STYLE = 'GbTitle';

/** The text as one run per script: Chinese text in the Chinese font, tagged zh-CN. */
export function runs(text: string, style: RunStyle = {}): TextRun[] {
  const font = FONTS[style.font ?? 'body'];
  return (text ? text.split(AMBIGUOUS).filter(Boolean) : ['']).map((t) => {
    const wide = AMBIGUOUS.test(t);
    return new TextRun({
      text: t,
      font: { eastAsia: font, ascii: wide ? font : FONTS.latin, hAnsi: wide ? font : FONTS.latin, cs: font },
      language: { value: 'zh-CN', eastAsia: 'zh-CN' },
      size: style.size ?? SIZE.body,
      ...(style.bold ? { bold: true } : {}),
      ...(style.color ? { color: style.color } : {}),
      // 0.25 pt narrower than 3号: 28 characters fill the 156 mm line (28 × 16 pt would be 158 mm).
      ...(style.grid === false ? { snapToGrid: false } : { characterSpacing: CONDENSE }),
    });
  });
}

const spacing = { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

/**
 * 标题 (or 纪要标志 / 简报名称 with a colour and size): centred 小标宋, broken between words into lines
 * that fit (GB/T 9704 7.3.1). Off the character grid: a 2号 character is wider than the grid's cell.
 */
export function title(text: string, style: RunStyle & { before?: number } = {}): Paragraph {
  const size = style.size ?? SIZE.title;
  // One character to spare: word processors add space between Chinese characters and digits.
  const capacity = Math.floor(TEXT_WIDTH / (size * 10)) - 1;
  const look = { font: 'title' as const, size, grid: false, ...(style.color ? { color: style.color } : {}), ...(style.bold ? { bold: true } : {}) };
  return new Paragraph({
    style: TITLE_STYLE,
    alignment: AlignmentType.CENTER,
    // A large title needs more than the body's exact line height.
    spacing: { line: Math.max(LINE, size * 15), lineRule: LineRuleType.EXACT, before: style.before ?? 0, after: 0 },
    children: titleLines(text, capacity).flatMap((line, i) => [...(i ? [new TextRun({ break: 1 })] : []), ...runs(line, look)]),
  });
}

/**
 * 发文机关标志 / 纪要标志: red 小标宋, centred, its top edge 35 mm below the top of the text block
 * (GB/T 9704 7.2.4, 10.3). The line's ascent sits above the glyphs, so the space before is that much less.
 */
export function issuerMark(text: string, size: number = SIZE.title): Paragraph {
  const lineHeight = size * 15;
  const leading = Math.round(lineHeight - size * 10 * 0.88);
  return title(text, { color: RED, size, before: Math.max(0, Math.round(35 * MM) - leading) });
}

export function centred(text: string, style: RunStyle = {}): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing, children: [...runs(text, style)] });
}

/** A paragraph of 正文: 仿宋, first line indented two characters, justified. */
export function body(text: string, style: RunStyle = {}): Paragraph {
  return new Paragraph({ alignment: AlignmentType.BOTH, spacing, indent: { firstLine: 2 * CHAR }, children: [...runs(text, style)] });
}

/** A paragraph that starts with a run in another font (一、 in 黑体 followed by 仿宋 text). */
export function lead(head: string, rest: string, headFont: Font): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.BOTH,
    spacing,
    indent: { firstLine: 2 * CHAR },
    children: [...runs(head, { font: headFont }), ...(rest ? runs(rest) : [])],
  });
}

/** 一、… in 黑体. */
export function heading1(text: string): Paragraph {
  return lead(text, '', 'heading1');
}

/** （一）… in 楷体. */
export function heading2(text: string): Paragraph {
  return lead(text, '', 'heading2');
}

/** 主送机关: flush left, ending with "：". */
export function addressee(text: string): Paragraph {
  return new Paragraph({ spacing, children: [...runs(text.endsWith('：') ? text : `${text}：`)] });
}

export function blank(): Paragraph {
  return new Paragraph({ spacing, children: [...runs('')] });
}

/** 发文机关署名 / 成文日期: right-aligned, 右空四字. */
export function right(text: string): Paragraph {
  return new Paragraph({ alignment: AlignmentType.RIGHT, spacing, indent: { right: 4 * CHAR }, children: [...runs(text)] });
}

/**
 * "出席：区法院、区税务局…" after a 纪要's text: the label in 黑体, the names in 仿宋, 左空二字, wrapped
 * lines aligned after the colon (a hanging indent the width of the label).
 */
export function labelLine(label: string, text: string): Paragraph {
  const labelWidth = [...label].length * CHAR;
  return new Paragraph({
    alignment: AlignmentType.LEFT,
    spacing,
    indent: { left: 2 * CHAR + labelWidth, hanging: labelWidth },
    children: [...runs(label, { font: 'heading1' }), ...runs(text)],
  });
}

/**
 * Office on the left (空一字), date on the right (空一字), on one line (纪要, 简报 报头): two cells of a
 * borderless table, so a long office name wraps in its own cell instead of running into the date.
 */
export function officeAndDate(office: string, date: string, style: RunStyle = {}): Table {
  // "2026年12月28日" with the space a word processor puts between digits and Chinese, and 空一字.
  const dateWidth = 9 * CHAR;
  const cell = (text: string, width: number, alignment: (typeof AlignmentType)[keyof typeof AlignmentType]) =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      margins: { left: 0, right: 0, top: 0, bottom: 0 },
      children: [new Paragraph({ alignment, spacing, indent: alignment === AlignmentType.LEFT ? { left: CHAR } : { right: CHAR }, children: runs(text, style) })],
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [TEXT_WIDTH - dateWidth, dateWidth],
    borders: TableBorders.NONE,
    rows: [new TableRow({ children: [cell(office, TEXT_WIDTH - dateWidth, AlignmentType.LEFT), cell(date, dateWidth, AlignmentType.RIGHT)] })],
  });
}

/** A full-width line under the paragraph (the red 分隔线 of 版头, the black line of 报尾). */
export function rule(color = RED, size = 12): Paragraph {
  return new Paragraph({
    spacing,
    border: { bottom: { style: BorderStyle.SINGLE, size, color, space: 1 } },
    children: [...runs('')],
  });
}

export function ruleAbove(children: Paragraph[], color = '000000'): Paragraph[] {
  return [
    new Paragraph({ spacing: { before: 0, after: 0 }, border: { top: { style: BorderStyle.SINGLE, size: 6, color, space: 1 } }, children: [] }),
    ...children,
  ];
}

/** A table of figures (per-unit 督办 figures): header row in 黑体, cells in 仿宋 小四. */
export function figuresTable(headers: readonly string[], rows: readonly (readonly string[])[], widths?: readonly number[]): Table {
  const total = TEXT_WIDTH;
  const w = widths ?? headers.map(() => Math.floor(total / headers.length));
  const cell = (text: string, i: number, head: boolean) =>
    new TableCell({
      width: { size: w[i]!, type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      children: [new Paragraph({
        alignment: i === 0 && !head ? AlignmentType.LEFT : AlignmentType.CENTER,
        children: [...runs(text, { size: SIZE.table, ...(head ? { font: 'heading1' as const } : {}) })],
      })],
    });
  return new Table({
    width: { size: total, type: WidthType.DXA },
    columnWidths: [...w],
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((h, i) => cell(h, i, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((c, i) => cell(c, i, false)) })),
    ],
  });
}
