/**
 * The layout document as a printable HTML page: what `jixiao … --format html` writes and what the PDF printer
 * (pdf.ts) hands to headless Chromium. Pure: a `Doc` in, a self-contained HTML5 page out (inline CSS, no scripts, no
 * external resources).
 *
 * Print layout follows GB/T 9704 for `report` documents (A4, margins 37/26/35/28 mm, 仿宋 三号 body on a 28 pt line,
 * page numbers "— 1 —" at the bottom) and a plain 20 mm A4 page for `form` documents. Every figure comes from
 * `cellText`, so the HTML, the PDF, the DOCX and the XLSX show the same text.
 */
import {
  type Align,
  type Block,
  type Cell,
  type Doc,
  type Inline,
  type PlacedCell,
  type Table,
  BAR_COLOURS,
  FLAG_COLOUR,
  barBasisPoints,
  cellText,
  isNumeric,
  layoutGrid,
} from './doc.ts';

// ---------------------------------------------------------------------------------------------------------------
// Small helpers

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML content and attribute values. */
function esc(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Escaped text with line breaks kept (a table cell's "\n"). */
function escLines(value: string): string {
  return value.split(/\r?\n/).map(esc).join('<br>');
}

const ALIGN_CLASS: Readonly<Record<Align, string>> = { left: 'al', center: 'ac', right: 'ar', justify: 'aj' };

/** The typefaces of Chinese government documents, then what a Linux machine has (Noto CJK). */
export const FONT_STACKS = {
  fangsong: '"FangSong", "仿宋", "STFangsong", "FangSong_GB2312", "Noto Serif CJK SC", "Source Han Serif SC", serif',
  song: '"SimSun", "宋体", "Songti SC", "Noto Serif CJK SC", serif',
  hei: '"SimHei", "黑体", "Heiti SC", "Noto Sans CJK SC", sans-serif',
  kai: '"KaiTi", "楷体", "STKaiti", "Noto Serif CJK SC", serif',
} as const;

/** Page margins (top right bottom left) of each layout. */
const MARGINS: Readonly<Record<Doc['meta']['layout'], string>> = {
  report: '37mm 26mm 35mm 28mm',
  form: '20mm',
};

/** Whether a table block belongs in HTML (and so in the PDF printed from it). */
export function tableInHtml(block: Extract<Block, { kind: 'table' }>): boolean {
  return block.formats === undefined || block.formats.includes('html') || block.formats.includes('pdf');
}

// ---------------------------------------------------------------------------------------------------------------
// CSS

function css(doc: Doc): string {
  const { layout } = doc.meta;
  const orientation = doc.meta.orientation ?? 'portrait';
  const pageWidth = orientation === 'landscape' ? '297mm' : '210mm';
  const pageHeight = orientation === 'landscape' ? '210mm' : '297mm';
  const margins = MARGINS[layout];
  const F = FONT_STACKS;
  const body =
    layout === 'report'
      ? `font-family: ${F.fangsong}; font-size: 16pt; line-height: 28pt;`
      : `font-family: ${F.fangsong}; font-size: 10.5pt; line-height: 1.6;`;
  return `
@page {
  size: A4 ${orientation};
  margin: ${margins};
  @bottom-center { content: "— " counter(page) " —"; font-family: ${F.song}; font-size: 14pt; }
}
@page wide {
  size: A4 landscape;
  margin: 20mm;
  @bottom-center { content: "— " counter(page) " —"; font-family: ${F.song}; font-size: 14pt; }
}
.landscape { page: wide; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; color: #000; ${body} }
.page { box-sizing: border-box; }
header.doc-title { margin: 0 0 28pt; text-align: center; font-family: ${F.song}; font-size: 22pt; font-weight: bold; line-height: 1.5; break-after: avoid; page-break-after: avoid; }
header.doc-title p { margin: 0; text-indent: 0; text-align: center; }
h1, h2, h3, h4 { margin: 0; font-size: 16pt; line-height: 28pt; font-weight: normal; text-indent: 2em; break-after: avoid; page-break-after: avoid; break-inside: avoid; }
h1 { font-family: ${F.hei}; }
h2 { font-family: ${F.kai}; }
h3 { font-family: ${F.fangsong}; font-weight: bold; }
h4 { font-family: ${F.fangsong}; }
p { margin: 0; text-indent: 2em; text-align: justify; orphans: 2; widows: 2; }
p.noindent { text-indent: 0; }
p.note { text-indent: 0; font-family: ${F.song}; font-size: 10.5pt; line-height: 1.5; margin: 4pt 0 2pt; }
p.al, p.note.al { text-align: left; } p.ac, p.note.ac { text-align: center; } p.ar, p.note.ar { text-align: right; } p.aj { text-align: justify; }
strong { font-weight: bold; }
table.grid { width: 100%; table-layout: fixed; border-collapse: collapse; margin: 6pt 0 12pt; font-family: ${F.song}; font-size: 10.5pt; line-height: 1.4; }
table.grid.small { font-size: 9pt; }
table.grid caption { caption-side: top; font-weight: normal; text-align: center; padding: 0 0 3pt; }
table.grid caption .caption-text { display: block; font-weight: bold; font-size: 12pt; line-height: 1.5; }
table.grid caption .unit { display: block; text-align: right; font-size: 10.5pt; }
table.grid thead { display: table-header-group; }
table.grid tr { break-inside: auto; page-break-inside: auto; }
table.grid th, table.grid td { border: 0.5pt solid #000; padding: 2pt 2pt; vertical-align: middle; text-align: left; font-weight: normal; overflow-wrap: anywhere; }
table.grid thead th, table.grid th.label { font-weight: bold; text-align: center; background: #f2f2f2; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
table.grid td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; overflow-wrap: normal; }
table.grid tr.total td, table.grid tr.total th, table.grid .b { font-weight: bold; }
table.grid .nb { font-weight: normal; }
table.grid .al { text-align: left; } table.grid .ac { text-align: center; } table.grid .ar { text-align: right; } table.grid .aj { text-align: justify; }
table.grid td.num.al { text-align: left; } table.grid td.num.ac { text-align: center; }
.page-break { break-after: page; page-break-after: always; height: 0; }
table.grid tr.flagged td, table.grid tr.flagged th.label { background: #${FLAG_COLOUR}; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
table.grid td.bar { padding: 2pt 3pt; }
table.grid td.bar .fill { height: 0.9em; min-width: 1px; background: #${BAR_COLOURS.normal}; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
table.grid td.bar .fill.alert { background: #${BAR_COLOURS.alert}; }
table.grid td.bar .fill.muted { background: #${BAR_COLOURS.muted}; }
table.grid td.bar .fill.none { background: none; }
@media screen {
  html { background: #e6e6e6; }
  body { padding: 10mm 0; }
  .page { width: ${pageWidth}; min-height: ${pageHeight}; margin: 0 auto; padding: ${margins}; background: #fff; box-shadow: 0 0.5mm 4mm rgba(0, 0, 0, 0.25); }
  .page-break { margin: 0 -1px; border-top: 1px dashed #bbb; }
  .landscape { box-sizing: border-box; width: 297mm; min-height: 210mm; margin: 10mm calc((100% - 297mm) / 2); padding: 20mm; background: #fff; box-shadow: 0 0.5mm 4mm rgba(0, 0, 0, 0.25); }
}
@media print {
  html, body { background: none; }
  body { padding: 0; }
  .page { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; }
  .page-break { border: 0; }
}
`;
}

// ---------------------------------------------------------------------------------------------------------------
// Blocks

function runsHtml(runs: readonly Inline[]): string {
  return runs.map((r) => (typeof r === 'string' ? esc(r) : r.bold ? `<strong>${esc(r.text)}</strong>` : esc(r.text))).join('');
}

function classAttr(classes: readonly string[]): string {
  return classes.length > 0 ? ` class="${classes.join(' ')}"` : '';
}

function cellHtml(placed: PlacedCell, table: Table, inHeader: boolean): string {
  const cell: Cell = placed.cell;
  const value = cell.value;
  const numeric = isNumeric(value);
  const isBar = value.type === 'bar';
  const isHeaderLike = !isBar && (inHeader || cell.label === true);
  const tag = isHeaderLike ? 'th' : 'td';
  const classes: string[] = [];
  if (isBar) classes.push('bar');
  if (cell.label === true && !inHeader && !isBar) classes.push('label');
  if (numeric) classes.push('num');
  // Header and label cells are centred unless the cell says otherwise; data cells follow the cell, then the column,
  // then the value (figures right, text left).
  const align: Align | undefined = isBar
    ? undefined
    : isHeaderLike
      ? cell.align
      : (cell.align ?? table.columns[placed.col]?.align ?? (numeric ? 'right' : undefined));
  if (align !== undefined) classes.push(ALIGN_CLASS[align]);
  if (cell.bold === true) classes.push('b');
  if (cell.bold === false) classes.push('nb');
  let attrs = classAttr(classes);
  if (inHeader) attrs += ' scope="col"';
  if (placed.colSpan > 1) attrs += ` colspan="${placed.colSpan}"`;
  if (placed.rowSpan > 1) attrs += ` rowspan="${placed.rowSpan}"`;
  if (cell.comment !== undefined && cell.comment !== '') attrs += ` title="${esc(cell.comment)}"`;
  if (value.type === 'bar') {
    // A box as wide as its share of the cell, in hundredths of a percent.
    const bp = barBasisPoints(value);
    const tone = bp === 0 ? 'none' : (value.tone ?? 'normal');
    return `<td${attrs}><div class="fill ${tone}" style="width: ${(bp / 100).toFixed(2)}%"></div></td>`;
  }
  return `<${tag}${attrs}>${escLines(cellText(value))}</${tag}>`;
}

function tableHtml(table: Table): string {
  const grid = layoutGrid(table);
  const rows = [...table.header, ...table.body];
  const totalWidth = table.columns.reduce((s, c) => s + Math.max(0, c.width), 0);
  const cols = table.columns
    .map((c) => {
      const share = totalWidth > 0 ? (Math.max(0, c.width) / totalWidth) * 100 : 100 / Math.max(1, table.columns.length);
      return `<col style="width: ${share.toFixed(4)}%">`;
    })
    .join('');

  const rowHtml = (r: number): string => {
    const inHeader = r < grid.headerRows;
    const line = grid.at[r] ?? [];
    let cells = '';
    for (let c = 0; c < grid.columns; c++) {
      const placed = line[c];
      if (placed === undefined) cells += inHeader ? '<th scope="col"></th>' : '<td></td>'; // a hole: keep the borders
      else if (placed.row === r && placed.col === c) cells += cellHtml(placed, table, inHeader);
    }
    const rowClasses = [...(rows[r]?.kind === 'total' ? ['total'] : []), ...(rows[r]?.flagged === true && !inHeader ? ['flagged'] : [])];
    return `<tr${classAttr(rowClasses)}>${cells}</tr>`;
  };

  const out: string[] = [];
  const classes = ['grid', ...(table.size === 'small' ? ['small'] : [])];
  out.push(`<table class="${classes.join(' ')}" data-table="${esc(table.id)}">`);
  const caption = table.caption !== undefined && table.caption !== '' ? `<span class="caption-text">${esc(table.caption)}</span>` : '';
  const unit = table.unitNote !== undefined && table.unitNote !== '' ? `<span class="unit">${esc(table.unitNote)}</span>` : '';
  if (caption || unit) out.push(`<caption>${caption}${unit}</caption>`);
  out.push(`<colgroup>${cols}</colgroup>`);
  if (grid.headerRows > 0) {
    out.push('<thead>');
    for (let r = 0; r < grid.headerRows; r++) out.push(rowHtml(r));
    out.push('</thead>');
  }
  if (grid.rows > grid.headerRows) {
    out.push('<tbody>');
    for (let r = grid.headerRows; r < grid.rows; r++) out.push(rowHtml(r));
    out.push('</tbody>');
  }
  out.push('</table>');
  return out.join('\n');
}

function blockHtml(block: Block): string {
  switch (block.kind) {
    case 'title':
      return `<header class="doc-title">${block.lines.map((l) => `<p>${esc(l)}</p>`).join('')}</header>`;
    case 'heading':
      return `<h${block.level}>${esc(block.text)}</h${block.level}>`;
    case 'paragraph': {
      const classes: string[] = [];
      if (block.indent === false) classes.push('noindent');
      if (block.align !== undefined) classes.push(ALIGN_CLASS[block.align]);
      const generated = block.generated === true ? ' data-generated="true"' : '';
      return `<p${classAttr(classes)}${generated}>${runsHtml(block.runs)}</p>`;
    }
    case 'note':
      return `<p class="note ${ALIGN_CLASS[block.align ?? 'left']}">${esc(block.text)}</p>`;
    case 'table':
      if (!tableInHtml(block)) return '';
      // A wide table on landscape pages of its own (the named page `wide`); the caption and unit note go with it.
      return block.table.landscape === true ? `<section class="landscape">\n${tableHtml(block.table)}\n</section>` : tableHtml(block.table);
    case 'pageBreak':
      return '<div class="page-break" style="break-after: page"></div>';
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Page

/** The document as a self-contained, printable HTML5 page. */
export function renderHtml(doc: Doc): string {
  const { meta } = doc;
  const head = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="${esc(meta.creator ?? 'jixiao')}">`,
    ...(meta.creator !== undefined ? [`<meta name="author" content="${esc(meta.creator)}">`] : []),
    ...(meta.subject !== undefined ? [`<meta name="description" content="${esc(meta.subject)}">`] : []),
    `<title>${esc(meta.title)}</title>`,
    `<style>${css(doc)}</style>`,
  ];
  const body = doc.blocks.map(blockHtml).filter((s) => s !== '');
  return [
    '<!DOCTYPE html>',
    `<html lang="${meta.lang === 'en' ? 'en' : 'zh-CN'}">`,
    '<head>',
    ...head,
    '</head>',
    `<body class="${meta.layout}">`,
    '<main class="page">',
    ...body,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
