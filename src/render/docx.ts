/**
 * Layout document → DOCX, typeset as a Chinese finance office sets these forms in Word: A4, GB/T 9704 margins for a
 * report (20 mm for a form), 仿宋 三号 body text at a fixed 28 pt line spacing with a two-character first-line indent,
 * 黑体 / 楷体 / 仿宋 headings, 宋体 五号 (小五 for wide tables) tables with single black rules, header rows repeated on
 * every page, and the page number centred in the footer as "— 1 —".
 *
 * `buildDocx` makes the docx package's tree (pure: no file system); `renderDocx` packs it. Every figure comes from
 * `cellText`, so the DOCX shows what the other formats show.
 *
 * Why the faces live in paragraph styles (body, note, caption, table text, headings) rather than on every run: a
 * 500-cell table with fonts, sizes, borders and margins written on each run and cell is several times the XML, and
 * packing it is the bulk of the render time; a run carries only what differs from its style (bold). Each style names
 * its eastAsia font (the Chinese text), ASCII and hAnsi (Times New Roman, the figures), and `hint: eastAsia` makes
 * shared characters ("—", “ ”) full width. Tables take their rules and cell margins from the table, cells only
 * their shading, merges, width and alignment.
 *
 * Why vertical merges are written here rather than through the package's `rowSpan`: the package fills a
 * continuation cell with an unstyled paragraph whose mark takes the document default size (16 pt), which makes
 * the merged rows of a 10.5 pt table taller; written here, each continuation cell has a mark at the table's size,
 * and a hole in a short row becomes an empty bordered cell, so every row spans the full grid.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  HeightRule,
  LineRuleType,
  Packer,
  PageBreak,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table as DocxTable,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  VerticalMergeType,
  WidthType,
  type IBorderOptions,
  type IFontAttributesProperties,
  type IParagraphStyleOptions,
  type IRunStylePropertiesOptions,
  type ParagraphChild,
} from 'docx';
import { type Align, type Block, type Cell, type CellValue, type Doc, type Face, type Inline, type Table, BAR_COLOURS, FLAG_COLOUR, barBasisPoints, cellText, isNumeric, layoutGrid } from './doc.ts';

// ---- Measures ------------------------------------------------------------------------------------------------

/** Twips (1/20 pt) in a millimetre. */
const MM = 1440 / 25.4;
const mm = (v: number): number => Math.round(v * MM);
/** Points → half-points, the unit of `size` in the docx package. */
const pt = (v: number): number => Math.round(v * 2);

const A4 = { width: 11906, height: 16838 } as const;

interface Margins {
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
  readonly header: number;
  readonly footer: number;
}

/**
 * GB/T 9704: 天头 37 mm, 订口 28 mm, text block 156 × 225 mm; the page number sits 7 mm under the text block, so the
 * footer's baseline is ~25 mm from the page edge. A form: 20 mm all round, footer 10 mm from the edge.
 */
const MARGINS: Readonly<Record<Doc['meta']['layout'], Margins>> = {
  report: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26), header: mm(15), footer: mm(25) },
  form: { top: mm(20), bottom: mm(20), left: mm(20), right: mm(20), header: mm(10), footer: mm(10) },
};

/**
 * The margins of a landscape page for a wide table (`Table.landscape`) in either layout: 20 mm all round, footer 10 mm
 * from the edge. Why not the report's GB/T 9704 margins turned a quarter (top 28 / bottom 26 / left 37 / right 35 mm):
 * the table wants the width (257 mm of text rather than 225 mm), 20 mm still leaves room to bind, the page number
 * keeps clear of the text (a 25 mm footer would sit 1 mm under a 26 mm bottom margin), and the HTML / PDF print the
 * same page (`@page wide`, margin 20 mm), so the table breaks at the same rows in every format.
 */
const LANDSCAPE_MARGINS: Margins = MARGINS.form;

// ---- Faces ---------------------------------------------------------------------------------------------------

const LATIN = 'Times New Roman';
/**
 * The font names Word on Windows (7 and later) and WPS know the four faces by; a machine with only the GB2312
 * editions (仿宋_GB2312, 楷体_GB2312) substitutes them by name.
 */
const FONT_NAME: Readonly<Record<Face, string>> = { song: '宋体', fangsong: '仿宋', hei: '黑体', kai: '楷体' };
const SONG = FONT_NAME.song;
const FANGSONG = FONT_NAME.fangsong;
const HEI = FONT_NAME.hei;
const KAI = FONT_NAME.kai;

const font = (eastAsia: string, latin: string = LATIN): IFontAttributesProperties => ({ eastAsia, ascii: latin, hAnsi: latin, cs: latin, hint: 'eastAsia' });

/** A face at a size: the eastAsia font name, the size in half-points, the weight. */
interface TextFace {
  readonly font: string;
  /** Half-points. */
  readonly size: number;
  readonly bold: boolean;
}

interface Look {
  readonly title: TextFace;
  readonly headings: Readonly<Record<1 | 2 | 3 | 4, TextFace>>;
  readonly body: TextFace;
  /** Body line spacing, twips, and its rule. */
  readonly bodyLine: { readonly line: number; readonly lineRule: (typeof LineRuleType)[keyof typeof LineRuleType] };
  readonly note: TextFace;
  readonly caption: TextFace;
  readonly pageNumber: TextFace;
}

const HEADINGS = {
  1: { font: HEI, size: pt(16), bold: false },
  2: { font: KAI, size: pt(16), bold: false },
  3: { font: FANGSONG, size: pt(16), bold: true },
  4: { font: FANGSONG, size: pt(16), bold: false },
} as const;

const COMMON = {
  title: { font: SONG, size: pt(22), bold: true },
  headings: HEADINGS,
  note: { font: SONG, size: pt(10.5), bold: false },
  caption: { font: SONG, size: pt(12), bold: true },
  pageNumber: { font: SONG, size: pt(14), bold: false },
} as const;

const LOOKS: Readonly<Record<Doc['meta']['layout'], Look>> = {
  report: { ...COMMON, body: { font: FANGSONG, size: pt(16), bold: false }, bodyLine: { line: 560, lineRule: LineRuleType.EXACT } },
  form: { ...COMMON, body: { font: FANGSONG, size: pt(10.5), bold: false }, bodyLine: { line: 240, lineRule: LineRuleType.AUTO } },
};

/** Fixed line spacing of a heading in a report (the body's 28 pt) and of the title (2号 needs more room). */
const HEADING_LINE = 560;
const TITLE_LINE = 720;

const TABLE_SIZE = { normal: pt(10.5), small: pt(9) } as const;

/** Paragraph style ids of this renderer (the headings keep Word's built-in ids). */
const STYLE = { body: 'JxBody', note: 'JxNote', caption: 'JxCaption', table: 'JxTable', tableSmall: 'JxTableSmall' } as const;
const TABLE_STYLE = { normal: STYLE.table, small: STYLE.tableSmall } as const;
/** Single spacing, no room before or after: notes and table text. */
const TIGHT = { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 } as const;

/** A run's own properties: only the weight, where it differs from its style's. */
function boldDiff(bold: boolean, styleBold: boolean): IRunStylePropertiesOptions {
  return bold === styleBold ? {} : { bold, boldComplexScript: bold };
}

function runStyle(face: TextFace, bold = face.bold): IRunStylePropertiesOptions {
  return { font: font(face.font), size: face.size, sizeComplexScript: face.size, bold, boldComplexScript: bold, color: '000000' };
}

/** Runs of a text, a line break for each "\n". */
function textRuns(text: string, style: IRunStylePropertiesOptions): TextRun[] {
  return text.split('\n').map((line, i) => new TextRun({ ...style, text: line, ...(i > 0 ? { break: 1 } : {}) }));
}

const ALIGN: Readonly<Record<Align, (typeof AlignmentType)[keyof typeof AlignmentType]>> = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
};

/** Two characters of the given face (first-line indent), twips: a Chinese character is one em, and half-points × 20 is two ems. */
const twoChars = (face: TextFace): number => face.size * 20;

// ---- Blocks --------------------------------------------------------------------------------------------------

interface Context {
  readonly look: Look;
  readonly layout: Doc['meta']['layout'];
  /** Width of the text block, twips. */
  readonly textWidth: number;
}

const HEADING_STYLE = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3, 4: HeadingLevel.HEADING_4 } as const;

function headingSpacing(ctx: Context): { line: number; lineRule: (typeof LineRuleType)[keyof typeof LineRuleType]; before: number; after: number } {
  return ctx.layout === 'report' ? { line: HEADING_LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 } : { line: 240, lineRule: LineRuleType.AUTO, before: 120, after: 60 };
}

/** Room above text that follows a table (twips): the text does not touch the table's bottom rule. */
const AFTER_TABLE = 160;

function withGap<T extends { before: number }>(spacing: T, gap: number): T {
  return { ...spacing, before: Math.max(spacing.before, gap) };
}

function titleParagraph(lines: readonly string[], ctx: Context, gap: number): Paragraph {
  const style = runStyle(ctx.look.title);
  return new Paragraph({
    heading: HeadingLevel.TITLE,
    alignment: AlignmentType.CENTER,
    spacing: { line: TITLE_LINE, lineRule: LineRuleType.EXACT, before: gap, after: 560 },
    keepNext: true,
    run: style,
    children: lines.map((line, i) => new TextRun({ ...style, text: line, ...(i > 0 ? { break: 1 } : {}) })),
  });
}

function headingParagraph(level: 1 | 2 | 3 | 4, text: string, ctx: Context, gap: number): Paragraph {
  // Faces, spacing, indent and keeps come from the HeadingN style.
  const spacing = headingSpacing(ctx);
  return new Paragraph({
    heading: HEADING_STYLE[level],
    alignment: AlignmentType.JUSTIFIED,
    ...(gap > spacing.before ? { spacing: withGap(spacing, gap) } : {}),
    children: textRuns(text, {}),
  });
}

function bodyParagraph(block: Extract<Block, { kind: 'paragraph' }>, ctx: Context, gap: number): Paragraph {
  // Face, line spacing and the two-character indent come from the body style.
  const face = ctx.look.body;
  const children: ParagraphChild[] = block.runs.flatMap((r: Inline) => textRuns(typeof r === 'string' ? r : r.text, typeof r === 'string' ? {} : boldDiff(r.bold ?? face.bold, face.bold)));
  const align = block.align ?? 'justify';
  return new Paragraph({
    style: STYLE.body,
    ...(align === 'justify' ? {} : { alignment: ALIGN[align] }),
    ...(gap > 0 ? { spacing: { ...ctx.look.bodyLine, before: gap, after: 0 } } : {}),
    ...(block.indent === false ? { indent: { firstLine: 0 } } : {}),
    children,
  });
}

/** A note or a caption: face and spacing from its style, the alignment and keep-with-next here. */
function smallParagraph(text: string, style: string, align: Align, keepNext: boolean, spacing?: { before: number; after: number }): Paragraph {
  return new Paragraph({
    style,
    alignment: ALIGN[align],
    ...(spacing !== undefined ? { spacing: { ...TIGHT, ...spacing } } : {}),
    keepNext,
    children: textRuns(text, {}),
  });
}

/**
 * An empty paragraph that takes no visible room: it ends a landscape section after its table and holds the section's
 * properties (a full-size empty paragraph under a table that fills the page would push a blank page).
 */
function sectionEndParagraph(): Paragraph {
  return new Paragraph({ spacing: { line: 20, lineRule: LineRuleType.EXACT, before: 0, after: 0 }, run: { size: 2 }, children: [] });
}

function pageBreakParagraph(): Paragraph {
  // Why a tiny mark: whichever page the paragraph mark lands on, it takes no visible room.
  return new Paragraph({ spacing: { line: 20, lineRule: LineRuleType.EXACT, before: 0, after: 0 }, run: { size: 2 }, children: [new PageBreak()] });
}

// ---- Tables --------------------------------------------------------------------------------------------------

const RULE: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000', space: 0 };
/** The table's outer rules and the rules between its cells: one set for the table, none on the cells. */
const TABLE_BORDERS = { top: RULE, bottom: RULE, left: RULE, right: RULE, insideHorizontal: RULE, insideVertical: RULE } as const;
/** Cell margins, twips: Word's 1.9 mm is too much for a dense form; 1.5 mm (五号) and 1 mm (小五) sides. */
const CELL_MARGINS = {
  normal: { top: 30, bottom: 30, left: 85, right: 85 },
  small: { top: 20, bottom: 20, left: 57, right: 57 },
} as const;
const SHADE = { type: ShadingType.CLEAR, color: 'auto', fill: 'F2F2F2' } as const;
/** A row is at least this tall (twips): ~7 mm for 五号, ~6 mm for 小五, room to write in by hand. */
const MIN_ROW = { normal: mm(7), small: mm(6) } as const;

/**
 * Width of a text on one line, in ems, on the generous side: digits at 0.7 em hold in Times New Roman (0.5) and in
 * the wider serifs a viewer without it substitutes (DejaVu Serif bold, 0.7), so a figure never breaks over two lines.
 */
function textEms(s: string): number {
  let ems = 0;
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0x2e80 || (code >= 0x2010 && code <= 0x2027)) ems += 1; // CJK, full-width forms, dashes and quotes
    else if (ch === ',' || ch === '.' || ch === ' ' || ch === '-') ems += 0.4;
    else if (ch === '%') ems += 1;
    else ems += 0.7;
  }
  return ems;
}

/**
 * Column widths in twips, summing exactly to the text width: the text room of each column in proportion to its
 * width in characters, except that a column is never narrower than its widest figure, or than a label or header
 * its nominal width was made to hold on one line; the room such a column takes comes from the others.
 */
export function columnTwips(table: Table, textWidth: number): number[] {
  const n = table.columns.length;
  if (n === 0) return [];
  const margins = CELL_MARGINS[table.size ?? 'normal'];
  const em = TABLE_SIZE[table.size ?? 'normal'] * 10;
  const weights = table.columns.map((c) => (Number.isFinite(c.width) && c.width > 0 ? c.width : 1));
  const room = Math.max(0, textWidth - n * (margins.left + margins.right));

  // The least text room each column needs (twips).
  const need = new Array<number>(n).fill(0);
  const grid = layoutGrid(table);
  for (const p of grid.cells) {
    if (p.colSpan !== 1) continue;
    const s = cellText(p.cell.value);
    const ems = Math.max(...s.split('\n').map(textEms));
    const short = p.row < grid.headerRows || p.cell.label === true ? ems <= (weights[p.col] ?? 0) : false;
    if (isNumeric(p.cell.value) || short) need[p.col] = Math.max(need[p.col] ?? 0, Math.ceil((ems + 0.3) * em));
  }

  // Give the needy columns their need and share the rest by weight, until no column is short.
  const fixed = new Array<boolean>(n).fill(false);
  let widths: number[] = [];
  for (let round = 0; round <= n; round++) {
    const left = room - need.reduce((a, v, i) => a + (fixed[i] ? v : 0), 0);
    const free = weights.reduce((a, w, i) => a + (fixed[i] ? 0 : w), 0);
    widths = weights.map((w, i) => (fixed[i] ? need[i]! : free > 0 ? (left * w) / free : 0));
    const short = widths.map((w, i) => !fixed[i] && w < need[i]!);
    if (left < 0 || !short.includes(true)) break;
    short.forEach((s, i) => s && (fixed[i] = true));
  }
  // Too many needs for the page: fall back on the weights alone.
  if (widths.some((w) => w < 0) || Math.abs(widths.reduce((a, b) => a + b, 0) - room) > 1) widths = weights.map((w) => (room * w) / weights.reduce((a, b) => a + b, 0));

  const out = widths.map((w) => Math.floor(w) + margins.left + margins.right);
  out[n - 1]! += textWidth - out.reduce((a, b) => a + b, 0);
  return out;
}

function cellAlign(cell: Cell, header: boolean, columnAlign: Align | undefined): Align {
  if (cell.align) return cell.align;
  if (header || cell.label) return 'center';
  if (isNumeric(cell.value)) return 'right';
  return columnAlign ?? 'left';
}

/** A cell's paragraphs: face and spacing from the table text style, the weight on the runs where it differs. */
function cellParagraphs(text: string, align: Align, style: string, bold: boolean): Paragraph[] {
  const props: IRunStylePropertiesOptions = bold ? { bold: true, boldComplexScript: true } : {};
  return text.split('\n').map(
    (line) =>
      new Paragraph({
        style,
        // Left is the style's (and Word's) default alignment.
        ...(align === 'left' ? {} : { alignment: ALIGN[align] }),
        children: line === '' ? [] : [new TextRun({ ...props, text: line })],
      }),
  );
}

const NO_RULE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'auto', space: 0 };
const NO_BORDERS = { top: NO_RULE, bottom: NO_RULE, left: NO_RULE, right: NO_RULE, insideHorizontal: NO_RULE, insideVertical: NO_RULE } as const;
/** A paragraph that takes no visible room (a cell must hold one). */
const tinyParagraph = (): Paragraph => new Paragraph({ spacing: { line: 20, lineRule: LineRuleType.EXACT, before: 0, after: 0 }, run: { size: 2 }, children: [] });

/**
 * A bar (`CellValue` bar) as Word draws one: a borderless one-row table inside the cell whose first cell, shaded,
 * is the bar's share of the cell's text width; then the paragraph every cell must end with.
 */
function barContent(value: Extract<CellValue, { type: 'bar' }>, width: number, size: 'normal' | 'small'): (Paragraph | DocxTable)[] {
  const bp = barBasisPoints(value);
  const fill = Math.round((width * bp) / 10_000);
  if (fill <= 0 || width <= 0) return [tinyParagraph()];
  const height = Math.round(TABLE_SIZE[size] * 10 * 0.8);
  const part = (w: number, colour?: string) =>
    new TableCell({
      width: { size: w, type: WidthType.DXA },
      margins: { top: 0, bottom: 0, left: 0, right: 0 },
      ...(colour !== undefined ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: colour } } : {}),
      children: [tinyParagraph()],
    });
  const cells = [part(fill, BAR_COLOURS[value.tone ?? 'normal']), ...(width - fill > 0 ? [part(width - fill)] : [])];
  return [
    new DocxTable({
      rows: [new TableRow({ children: cells, height: { value: height, rule: HeightRule.EXACT } })],
      width: { size: width, type: WidthType.DXA },
      columnWidths: cells.length === 2 ? [fill, width - fill] : [fill],
      layout: TableLayoutType.FIXED,
      borders: NO_BORDERS,
      margins: { top: 0, bottom: 0, left: 0, right: 0 },
    }),
    tinyParagraph(),
  ];
}

function tableBlocks(table: Table, ctx: Context): (Paragraph | DocxTable)[] {
  const out: (Paragraph | DocxTable)[] = [];
  const textStyle = TABLE_STYLE[table.size ?? 'normal'];
  const margins = CELL_MARGINS[table.size ?? 'normal'];
  if (table.caption !== undefined) out.push(smallParagraph(table.caption, STYLE.caption, 'center', true));
  if (table.unitNote !== undefined) out.push(smallParagraph(table.unitNote, STYLE.note, 'right', true, { before: 0, after: 40 }));
  if (table.columns.length === 0) return out;

  const grid = layoutGrid(table);
  const widths = columnTwips(table, ctx.textWidth);
  const spanWidth = (col: number, span: number): number => widths.slice(col, col + span).reduce((a, b) => a + b, 0);
  const allRows = [...table.header, ...table.body];
  const rows: TableRow[] = [];

  for (let r = 0; r < grid.rows; r++) {
    const header = r < grid.headerRows;
    const row = allRows[r];
    const total = row?.kind === 'total';
    const cells: TableCell[] = [];
    for (let c = 0; c < grid.columns; ) {
      const placed = grid.at[r]?.[c];
      if (placed === undefined) {
        // A hole: the row is shorter than the grid.
        cells.push(new TableCell({ width: { size: widths[c] ?? 0, type: WidthType.DXA }, verticalAlign: VerticalAlignTable.CENTER, children: cellParagraphs('', 'left', textStyle, false) }));
        c++;
        continue;
      }
      const { cell } = placed;
      const shaded = header || (cell.label === true && cell.value.type !== 'bar');
      const flagged = !header && row?.flagged === true;
      const bold = cell.bold ?? (header || total || (cell.label === true && ctx.layout === 'form'));
      const align = cellAlign(cell, header, table.columns[placed.col]?.align);
      const starts = placed.row === r;
      cells.push(
        new TableCell({
          width: { size: spanWidth(placed.col, placed.colSpan), type: WidthType.DXA },
          ...(placed.colSpan > 1 ? { columnSpan: placed.colSpan } : {}),
          ...(placed.rowSpan > 1 ? { verticalMerge: starts ? VerticalMergeType.RESTART : VerticalMergeType.CONTINUE } : {}),
          verticalAlign: VerticalAlignTable.CENTER,
          ...(shaded ? { shading: SHADE } : flagged ? { shading: { ...SHADE, fill: FLAG_COLOUR } } : {}),
          children:
            starts && cell.value.type === 'bar'
              ? barContent(cell.value, spanWidth(placed.col, placed.colSpan) - margins.left - margins.right, table.size ?? 'normal')
              : cellParagraphs(starts ? cellText(cell.value) : '', align, textStyle, bold),
        }),
      );
      c += placed.colSpan;
    }
    rows.push(
      new TableRow({
        children: cells,
        // Why keepNext: a header row never ends a page on its own, away from the rows it heads.
        ...(header ? { tableHeader: true, keepNext: true } : {}),
        height: { value: MIN_ROW[table.size ?? 'normal'], rule: HeightRule.ATLEAST },
      }),
    );
  }

  out.push(
    new DocxTable({
      rows,
      width: { size: ctx.textWidth, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      alignment: AlignmentType.CENTER,
      borders: TABLE_BORDERS,
      margins,
    }),
  );
  return out;
}

function blockChildren(blocks: readonly Block[], ctx: Context, endParagraph: () => Paragraph = () => new Paragraph({ style: STYLE.body, children: [] })): (Paragraph | DocxTable)[] {
  const out: (Paragraph | DocxTable)[] = [];
  blocks.forEach((block, i) => {
    const gap = out[out.length - 1] instanceof DocxTable ? AFTER_TABLE : 0;
    switch (block.kind) {
      case 'title':
        out.push(titleParagraph(block.lines, ctx, gap));
        break;
      case 'heading':
        out.push(headingParagraph(block.level, block.text, ctx, gap));
        break;
      case 'paragraph':
        out.push(bodyParagraph(block, ctx, gap));
        break;
      case 'note': {
        // Why keep with next: "单位：万元" right above a table belongs on the table's page.
        const next = blocks[i + 1];
        out.push(smallParagraph(block.text, STYLE.note, block.align ?? 'right', next?.kind === 'table'));
        break;
      }
      case 'table':
        if (block.formats === undefined || block.formats.includes('docx')) out.push(...tableBlocks(block.table, ctx));
        break;
      case 'pageBreak':
        out.push(pageBreakParagraph());
        break;
    }
  });
  // Why: a document must end with a paragraph (Word adds one after a final table anyway).
  if (out.length === 0 || out[out.length - 1] instanceof DocxTable) out.push(endParagraph());
  return out;
}

// ---- Document ------------------------------------------------------------------------------------------------

function headingStyle(level: 1 | 2 | 3 | 4, ctx: Context): IParagraphStyleOptions {
  const face = ctx.look.headings[level];
  return {
    id: `Heading${level}`,
    name: `heading ${level}`,
    basedOn: 'Normal',
    next: 'Normal',
    quickFormat: true,
    run: runStyle(face),
    paragraph: { outlineLevel: level - 1, keepNext: true, keepLines: true, spacing: headingSpacing(ctx), indent: { firstLine: twoChars(face) } },
  };
}

/** The paragraph styles of body text, notes, captions and table text: each names its faces and size. */
function textStyles(look: Look): IParagraphStyleOptions[] {
  const style = (id: string, name: string, face: TextFace, paragraph: NonNullable<IParagraphStyleOptions['paragraph']>): IParagraphStyleOptions => ({ id, name, basedOn: 'Normal', quickFormat: true, run: runStyle(face), paragraph });
  return [
    style(STYLE.body, 'Jixiao Body', look.body, { alignment: AlignmentType.JUSTIFIED, spacing: { ...look.bodyLine, before: 0, after: 0 }, indent: { firstLine: twoChars(look.body) } }),
    style(STYLE.note, 'Jixiao Note', look.note, { spacing: TIGHT }),
    style(STYLE.caption, 'Jixiao Caption', look.caption, { alignment: AlignmentType.CENTER, keepNext: true, spacing: { ...TIGHT, before: 120, after: 60 } }),
    style(STYLE.table, 'Jixiao Table Text', { font: SONG, size: TABLE_SIZE.normal, bold: false }, { spacing: TIGHT }),
    style(STYLE.tableSmall, 'Jixiao Table Text Small', { font: SONG, size: TABLE_SIZE.small, bold: false }, { spacing: TIGHT }),
  ];
}

/** Whether a block is a table printed on landscape pages of its own in the DOCX. */
function isLandscapeTable(block: Block): block is Extract<Block, { kind: 'table' }> {
  return block.kind === 'table' && block.table.landscape === true && (block.formats === undefined || block.formats.includes('docx'));
}

/**
 * The blocks cut into runs of one orientation: each landscape table alone, the blocks between them together. A page
 * break next to a landscape table is dropped: the section break starts a new page anyway.
 */
function orientationRuns(blocks: readonly Block[]): { landscape: boolean; blocks: Block[] }[] {
  const runs: { landscape: boolean; blocks: Block[] }[] = [];
  blocks.forEach((block, i) => {
    if (isLandscapeTable(block)) {
      runs.push({ landscape: true, blocks: [block] });
      return;
    }
    const prev = blocks[i - 1];
    const next = blocks[i + 1];
    if (block.kind === 'pageBreak' && ((prev !== undefined && isLandscapeTable(prev)) || (next !== undefined && isLandscapeTable(next)))) return;
    const last = runs[runs.length - 1];
    if (last !== undefined && !last.landscape) last.blocks.push(block);
    else runs.push({ landscape: false, blocks: [block] });
  });
  if (runs.length === 0) runs.push({ landscape: false, blocks: [] });
  return runs;
}

export function buildDocx(doc: Doc): Document {
  const { meta } = doc;
  const layout = meta.layout;
  const look = LOOKS[layout];
  const margins = MARGINS[layout];
  const landscape = meta.orientation === 'landscape';
  const pageWidth = landscape ? A4.height : A4.width;
  const ctx: Context = { look, layout, textWidth: pageWidth - margins.left - margins.right };
  const wideCtx: Context = { look, layout, textWidth: A4.height - LANDSCAPE_MARGINS.left - LANDSCAPE_MARGINS.right };
  const pageNumberStyle = { ...runStyle(look.pageNumber), font: font(SONG, SONG) };
  // Why a footer in every section (not inherited): a reader that does not link sections still prints the number;
  // no section restarts the numbering, so the pages count on through the landscape ones.
  const footers = () => ({
    default: new Footer({
      children: [new Paragraph({ alignment: AlignmentType.CENTER, run: pageNumberStyle, children: [new TextRun({ ...pageNumberStyle, children: ['— ', PageNumber.CURRENT, ' —'] })] })],
    }),
  });
  const page = (wide: boolean) =>
    wide
      ? { size: { width: A4.width, height: A4.height, orientation: PageOrientation.LANDSCAPE }, margin: LANDSCAPE_MARGINS }
      : { size: { width: A4.width, height: A4.height, orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT }, margin: margins };
  // A landscape document has the room already: its wide tables stay in the flow.
  const runs = landscape ? [{ landscape: false, blocks: [...doc.blocks] }] : orientationRuns(doc.blocks);

  return new Document({
    title: meta.title,
    ...(meta.subject !== undefined ? { subject: meta.subject } : {}),
    ...(meta.creator !== undefined ? { creator: meta.creator } : {}),
    lastModifiedBy: 'jixiao',
    styles: {
      default: {
        document: {
          run: { font: font(FANGSONG), size: look.body.size, sizeComplexScript: look.body.size, language: { value: 'en-US', eastAsia: 'zh-CN' } },
          paragraph: { spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO } },
        },
        title: { run: runStyle(look.title), paragraph: { alignment: AlignmentType.CENTER, spacing: { line: TITLE_LINE, lineRule: LineRuleType.EXACT, before: 0, after: 560 } } },
      },
      paragraphStyles: [...([1, 2, 3, 4] as const).map((level) => headingStyle(level, ctx)), ...textStyles(look)],
    },
    sections: runs.map((run) => ({
      properties: { page: page(run.landscape) },
      footers: footers(),
      children: run.landscape ? blockChildren(run.blocks, wideCtx, sectionEndParagraph) : blockChildren(run.blocks, ctx),
    })),
  });
}

export async function renderDocx(doc: Doc): Promise<Uint8Array> {
  const buffer = await Packer.toBuffer(buildDocx(doc));
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
