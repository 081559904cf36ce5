/**
 * The GB/T 9704-2012 page as a Word section: the A4 page with the standard margins, a document grid of
 * 22 lines × 28 characters (页面设置 shows 每行28字 每页22行). Paragraphs do not snap to the character
 * grid — LibreOffice gives a 16 pt character two cells of 15.8 pt and spreads digits over whole cells —
 * so the text is condensed 0.25 pt a character instead (gbt9704.ts), and 28 fill a line in Word, WPS and
 * LibreOffice alike,
 * page numbers "— 1 —" outside (odd pages right, even pages left, 空一字, 7 mm below the text block,
 * §7.5), and a font table that names, for each font the office's PCs may lack, the stock one to use.
 */
import JSZip from 'jszip';
import { AlignmentType, Document, Footer, LineRuleType, Packer, PageNumber, Paragraph, type Table, TextRun } from 'docx';
import { FONTS, LINE, MM, PAGE, SIZE, TEXT_WIDTH, TITLE_STYLE } from './gbt9704.ts';

/** Characters a line and the grid's pitch: Word's charSpace is the pitch minus the 16 pt body size, in 1/4096 pt. */
export const CHARS_PER_LINE = 28;
const CHAR_SPACE = Math.round((TEXT_WIDTH / CHARS_PER_LINE / 20 - SIZE.body / 2) * 4096);

const PAGE_NUMBER_FONT = '宋体';
const PAGE_NUMBER_LINE = Math.round(SIZE.small * 10 * 1.2);
/** The footer's distance from the page's foot that puts the page number's line 7 mm below the text block. */
const FOOTER = Math.round((PAGE.margin.bottom / MM - 7) * MM) - PAGE_NUMBER_LINE;

function pageNumber(side: 'odd' | 'even'): Footer {
  const look = { size: SIZE.small, font: { eastAsia: PAGE_NUMBER_FONT, ascii: PAGE_NUMBER_FONT, hAnsi: PAGE_NUMBER_FONT }, language: { value: 'zh-CN', eastAsia: 'zh-CN' } };
  return new Footer({
    children: [new Paragraph({
      alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
      // 空一字: one 4号 character from the edge of the text block.
      indent: side === 'odd' ? { right: SIZE.small * 10 } : { left: SIZE.small * 10 },
      spacing: { line: PAGE_NUMBER_LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
      children: [
        new TextRun({ text: '— ', ...look }),
        new TextRun({ children: [PageNumber.CURRENT], ...look }),
        new TextRun({ text: ' —', ...look }),
      ],
    })],
  });
}

const BODY_RUN = { font: { eastAsia: FONTS.body, ascii: FONTS.latin, hAnsi: FONTS.latin }, size: SIZE.body, language: { value: 'zh-CN', eastAsia: 'zh-CN' } };
const BODY_SPACING = { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

export interface DocumentMeta {
  title: string;
  creator: string;
}

export function gbDocument(meta: DocumentMeta, children: (Paragraph | Table)[]): Document {
  return new Document({
    title: meta.title,
    creator: meta.creator,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: { run: BODY_RUN, paragraph: { spacing: BODY_SPACING } },
      },
      // The grid's cell is the Normal style's size plus charSpace: LibreOffice takes 12 pt when there is no Normal style.
      paragraphStyles: [
        { id: 'Normal', name: 'Normal', run: BODY_RUN, paragraph: { spacing: BODY_SPACING } },
        { id: TITLE_STYLE, name: 'GB Title', basedOn: 'Normal', paragraph: { spacing: BODY_SPACING } },
      ],
    },
    sections: [{
      properties: {
        page: {
          size: { width: PAGE.width, height: PAGE.height },
          margin: { ...PAGE.margin, header: Math.round(15 * MM), footer: FOOTER },
        },
        grid: { type: 'linesAndChars', linePitch: LINE, charSpace: CHAR_SPACE },
      },
      footers: { default: pageNumber('odd'), even: pageNumber('even') },
      children,
    }],
  });
}

/**
 * What to use for a font an office PC may not have: the GB2312-era names come with 仿宋/楷体 on stock
 * Windows and WPS; 方正小标宋简体 is not stock, 宋体 is. charset 86 is GB2312.
 */
const FALLBACK: Record<string, { alt: string; family: string }> = {
  [FONTS.title]: { alt: '宋体', family: 'roman' },
  [FONTS.body]: { alt: '仿宋', family: 'modern' },
  [FONTS.heading2]: { alt: '楷体', family: 'modern' },
  [FONTS.heading1]: { alt: 'SimHei', family: 'modern' },
  宋体: { alt: 'SimSun', family: 'auto' },
};

function fontTable(): string {
  const fonts = Object.entries(FALLBACK).map(([name, f]) =>
    `<w:font w:name="${name}"><w:altName w:val="${f.alt}"/><w:charset w:val="86"/><w:family w:val="${f.family}"/><w:pitch w:val="variable"/></w:font>`);
  fonts.push(`<w:font w:name="${FONTS.latin}"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>`);
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${fonts.join('')}</w:fonts>`;
}

export async function packDocx(doc: Document): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(await Packer.toBuffer(doc));
  zip.file('word/fontTable.xml', fontTable());
  // docx cannot write a paragraph's snapToGrid: the styles get it here, before their spacing (the schema's order).
  let styles = await zip.file('word/styles.xml')!.async('string');
  for (const id of ['Normal', TITLE_STYLE]) {
    const style = new RegExp(`(<w:style [^>]*w:styleId="${id}"[^>]*>[\\s\\S]*?<w:pPr>)(<w:spacing)`, 'u');
    if (!style.test(styles)) throw new Error(`styles.xml: the style ${id} has no spacing to anchor snapToGrid`);
    styles = styles.replace(style, '$1<w:snapToGrid w:val="0"/>$2');
  }
  zip.file('word/styles.xml', styles);
  return new Uint8Array(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
}


