/**
 * The GB/T 9704-2012 page and type the office's documents use (domain-rules §4.2): A4 with the
 * standard margins (天头 37 mm, 订口 28 mm; a 156 × 225 mm text block of 22 lines × 28 characters),
 * 标题 2号小标宋, 正文 3号仿宋, the hierarchy 一、(黑体) → （一）(楷体) → 1. → （1）(仿宋), 成文日期
 * right-aligned 右空四字 in Arabic numerals without zero padding. Fonts are named, not embedded:
 * a reader without them sees a fallback, and Word or WPS on an office PC has them.
 */
import {
  AlignmentType, BorderStyle, Document, Footer, LineRuleType, Packer, PageNumber, Paragraph, Table, TableCell,
  TableRow, TextRun, VerticalAlign, WidthType,
} from 'docx';

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

const MM = 56.7;
/** Twips of one character at 3号 (16pt). */
export const CHAR = 320;
/** 28.95 pt: 22 lines in the 225 mm block. */
const LINE = 579;
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
}

export function run(text: string, style: RunStyle = {}): TextRun {
  const font = FONTS[style.font ?? 'body'];
  return new TextRun({
    text,
    font: { eastAsia: font, ascii: FONTS.latin, hAnsi: FONTS.latin, cs: font },
    size: style.size ?? SIZE.body,
    ...(style.bold ? { bold: true } : {}),
    ...(style.color ? { color: style.color } : {}),
  });
}

const spacing = { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

/** 标题 (or 纪要标志 / 简报名称 with a colour and size): centred 小标宋. */
export function title(text: string, style: RunStyle = {}): Paragraph {
  const size = style.size ?? SIZE.title;
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    // A large title needs more than the body's exact line height.
    spacing: { line: Math.max(LINE, size * 15), lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    children: [run(text, { font: 'title', size, ...(style.color ? { color: style.color } : {}), ...(style.bold ? { bold: true } : {}) })],
  });
}

export function centred(text: string, style: RunStyle = {}): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing, children: [run(text, style)] });
}

/** A paragraph of 正文: 仿宋, first line indented two characters, justified. */
export function body(text: string, style: RunStyle = {}): Paragraph {
  return new Paragraph({ alignment: AlignmentType.BOTH, spacing, indent: { firstLine: 2 * CHAR }, children: [run(text, style)] });
}

/** A paragraph that starts with a run in another font (一、 in 黑体 followed by 仿宋 text). */
export function lead(head: string, rest: string, headFont: Font): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.BOTH,
    spacing,
    indent: { firstLine: 2 * CHAR },
    children: [run(head, { font: headFont }), ...(rest ? [run(rest)] : [])],
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
  return new Paragraph({ spacing, children: [run(text.endsWith('：') ? text : `${text}：`)] });
}

export function blank(): Paragraph {
  return new Paragraph({ spacing, children: [run('')] });
}

/** 发文机关署名 / 成文日期: right-aligned, 右空四字. */
export function right(text: string): Paragraph {
  return new Paragraph({ alignment: AlignmentType.RIGHT, spacing, indent: { right: 4 * CHAR }, children: [run(text)] });
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
    children: [run(label, { font: 'heading1' }), run(text)],
  });
}

/** Office on the left (空一字), date on the right, on one line (纪要, 简报 报头). */
export function officeAndDate(office: string, date: string, style: RunStyle = {}): Paragraph {
  return new Paragraph({
    spacing,
    indent: { left: CHAR, right: CHAR },
    tabStops: [{ type: 'right', position: TEXT_WIDTH - 2 * CHAR }],
    children: [run(office, style), run(`\t${date}`, style)],
  });
}

/** A full-width line under the paragraph (the red 分隔线 of 版头, the black line of 报尾). */
export function rule(color = RED, size = 12): Paragraph {
  return new Paragraph({
    spacing,
    border: { bottom: { style: BorderStyle.SINGLE, size, color, space: 1 } },
    children: [run('')],
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
        children: [run(text, { size: SIZE.table, ...(head ? { font: 'heading1' as const } : {}) })],
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

/** 页码: "— 1 —" centred, 4号. */
function pageFooter(): Footer {
  return new Footer({
    children: [new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [
        new TextRun({ text: '— ', size: SIZE.small, font: { eastAsia: '宋体', ascii: '宋体', hAnsi: '宋体' } }),
        new TextRun({ children: [PageNumber.CURRENT], size: SIZE.small, font: { eastAsia: '宋体', ascii: '宋体', hAnsi: '宋体' } }),
        new TextRun({ text: ' —', size: SIZE.small, font: { eastAsia: '宋体', ascii: '宋体', hAnsi: '宋体' } }),
      ],
    })],
  });
}

export interface DocumentMeta {
  title: string;
  creator: string;
}

export function gbDocument(meta: DocumentMeta, children: (Paragraph | Table)[]): Document {
  return new Document({
    title: meta.title,
    creator: meta.creator,
    styles: {
      default: {
        document: {
          run: { font: { eastAsia: FONTS.body, ascii: FONTS.latin, hAnsi: FONTS.latin }, size: SIZE.body },
          paragraph: { spacing },
        },
      },
    },
    sections: [{
      properties: {
        page: {
          size: { width: PAGE.width, height: PAGE.height },
          margin: { ...PAGE.margin, header: Math.round(15 * MM), footer: Math.round(20 * MM) },
        },
      },
      footers: { default: pageFooter() },
      children,
    }],
  });
}

export async function packDocx(doc: Document): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toBuffer(doc));
}
