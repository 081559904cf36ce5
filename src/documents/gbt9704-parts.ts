/**
 * The parts of a GB/T 9704-2012 document around its text: the 版头 (发文机关标志, 发文字号 and the red
 * 分隔线, §7.2), the 落款 of a document without a seal (§7.3.5.2) and the 版记 (抄送, 印发机关和印发日期
 * between 分隔线, §7.4).
 */
import { AlignmentType, BorderStyle, Paragraph, Table, TableBorders, TableCell, TableRow, WidthType } from 'docx';
import { blank, CHAR, centred, issuerMark, LINE, RED, runs, SIZE, TEXT_WIDTH } from './gbt9704.ts';
import { widthOf } from './title-lines.ts';

const spacing = { line: LINE, before: 0, after: 0 };
/** One character of the 28-character grid, in twips. */
const PITCH = TEXT_WIDTH / 28;

/** 〔2026〕3号 with the 机关代字 before it: 六角括号, no zero padding (§7.2.4). */
export function documentNumber(code: string, year: number, n: number): string {
  return `${code}〔${year}〕${n}号`;
}

/** 发文机关标志 35 mm down, 空二行, the 发文字号 centred, and 4 mm below it the red 分隔线 the width of the block. */
export function issuerHead(mark: string, number: string): Paragraph[] {
  return [
    issuerMark(mark),
    blank(),
    blank(),
    centred(number),
    new Paragraph({
      spacing: { line: 4 * 57, before: 0, after: 0 },
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 0 } },
      children: [],
    }),
    blank(),
  ];
}

/**
 * 落款 without a seal (§7.3.5.2): after a blank line the 署名 右空二字, the date on the next line starting
 * two characters right of the 署名's first character (if the date is the longer, it ends 右空二字 and
 * the 署名 moves left to match).
 */
export function unsealedSignature(issuer: string, date: string): Paragraph[] {
  const name = widthOf(issuer);
  const when = widthOf(date);
  const nameRight = when + 2 > name ? 2 + (when + 2 - name) : 2;
  const dateLeft = 28 - nameRight - name + 2;
  return [
    blank(),
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing, indent: { right: Math.round(nameRight * PITCH) }, children: runs(issuer) }),
    new Paragraph({ alignment: AlignmentType.LEFT, spacing, indent: { left: Math.round(dateLeft * PITCH) }, children: runs(date) }),
  ];
}

const line = (size: number) => ({ style: BorderStyle.SINGLE, size, color: '000000' });

/**
 * 版记 (§7.4): 抄送 (左右各空一字, 4号仿宋), then 印发机关 on the left and "2026年12月28日印发" on the right,
 * between a thick first and last line and a thin line in between.
 */
export function recordBlock(copyTo: { label: string; to: string }, printer: string, printedOn: string): Table {
  const look = { size: SIZE.small };
  const para = (children: ReturnType<typeof runs>, alignment: (typeof AlignmentType)[keyof typeof AlignmentType]) =>
    new Paragraph({ alignment, spacing, indent: { left: CHAR, right: CHAR }, children });
  const cell = (children: Paragraph[], columnSpan = 1) => new TableCell({ columnSpan, margins: { left: 0, right: 0, top: 60, bottom: 60 }, children });
  // The date column holds "2026年12月28日印发" (4号) and its 空一字.
  const half = TEXT_WIDTH - 14 * SIZE.small * 10;
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [half, TEXT_WIDTH - half],
    borders: { ...TableBorders.NONE, top: line(8), bottom: line(8), insideHorizontal: line(4) },
    rows: [
      new TableRow({ children: [cell([para([...runs(`${copyTo.label}：`, look), ...runs(`${copyTo.to}。`, look)], AlignmentType.LEFT)], 2)] }),
      new TableRow({
        children: [
          cell([para(runs(printer, look), AlignmentType.LEFT)]),
          cell([para(runs(`${printedOn}印发`, look), AlignmentType.RIGHT)]),
        ],
      }),
    ],
  });
}
