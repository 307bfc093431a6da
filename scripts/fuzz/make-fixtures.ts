/**
 * Writes the hostile-shape fixtures of test/fixtures/fuzz/ (the README there lists them): the shapes the fuzzer's
 * parser attacks make, fixed once as small files so `npm test` keeps them passing. Fuzz findings are copied there
 * by hand (minimized with `npm run fuzz -- --minimize I`); this script only remakes the hand-made ones.
 *
 *   node --import tsx scripts/fuzz/make-fixtures.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { ROOT } from './input.ts';
import { parsePdf, writePdf } from './mutate-pdf.ts';

const OUT = join(ROOT, 'test/fixtures/fuzz');
const DOCS = join(ROOT, 'test/fixtures/documents');

function editPackage(seed: string, edit: (parts: Record<string, Uint8Array>) => void): Uint8Array {
  const parts = unzipSync(new Uint8Array(readFileSync(join(DOCS, seed))));
  edit(parts);
  return zipSync(parts, { level: 9 });
}

const text = (parts: Record<string, Uint8Array>, name: string) => strFromU8(parts[name]!);

/** Entity expansion ("billion laughs", 10^9 × 万元) declared in word/document.xml and used in a text run. */
writeFileSync(
  join(OUT, 'entity-expansion.docx'),
  editPackage('seed-002.docx', (p) => {
    let dtd = '<!DOCTYPE d [<!ENTITY e0 "万元万元万元万元万元万元万元万元万元万元">';
    for (let i = 1; i <= 9; i++) dtd += `<!ENTITY e${i} "${`&e${i - 1};`.repeat(10)}">`;
    dtd += ']>';
    p['word/document.xml'] = strToU8(text(p, 'word/document.xml').replace(/^(<\?xml[^>]*\?>)/, `$1${dtd}`).replace(/(<w:t(?:\s[^>]*)?>)/, '$1&e9;'));
  }),
);

/** 100,000 unclosed elements opened at the start of a sheet. */
writeFileSync(
  join(OUT, 'deep-nesting.xlsx'),
  editPackage('seed-002.xlsx', (p) => {
    p['xl/worksheets/sheet1.xml'] = strToU8(text(p, 'xl/worksheets/sheet1.xml').replace('<sheetData>', `<sheetData>${'<row><c>'.repeat(50_000)}`));
  }),
);

/** Merged cells over the whole sheet, a reversed range, a range past the last row and column, a single cell. */
writeFileSync(
  join(OUT, 'huge-merges.xlsx'),
  editPackage('seed-000.xlsx', (p) => {
    for (const n of Object.keys(p).filter((k) => k.startsWith('xl/worksheets/'))) {
      const merges = '<mergeCells count="4"><mergeCell ref="A1:XFD1048576"/><mergeCell ref="E9:A1"/><mergeCell ref="B0:ZZZZ99999999"/><mergeCell ref="C3"/></mergeCells>';
      p[n] = strToU8(text(p, n).replace('</sheetData>', `</sheetData>${merges}`));
    }
  }),
);

/** A PDF whose page tree lists itself (twice) with a page count of 10^8, a page with an absurd box and rotation. */
const content = 'BT /F1 12 Tf 20 100 Td (2022 100.00) Tj ET';
const loop = [
  '%PDF-1.4',
  '1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj',
  '2 0 obj <</Type/Pages/Kids[2 0 R 3 0 R 2 0 R]/Count 99999999>> endobj',
  '3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 1e308 -5]/Rotate 45/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>> endobj',
  `4 0 obj <</Length ${content.length}>> stream\n${content}\nendstream endobj`,
  '5 0 obj <</Type/Font/Subtype/Type1/BaseFont/Helvetica>> endobj',
  'trailer <</Root 1 0 R>>',
  'startxref',
  '0',
  '%%EOF',
].join('\n');
writeFileSync(join(OUT, 'page-tree-loop.pdf'), writePdf(parsePdf(new TextEncoder().encode(loop))!, false));

/** Word list numbering at its oddest: a style-link cycle, starts of 10^11 and −5, %10, empty and nine-level texts. */
writeFileSync(
  join(OUT, 'odd-numbering.docx'),
  editPackage('seed-003.docx', (p) => {
    const lvl = (i: number, fmt: string, lvlText: string, start: string) => `<w:lvl w:ilvl="${i}"><w:start w:val="${start}"/><w:numFmt w:val="${fmt}"/><w:lvlText w:val="${lvlText}"/></w:lvl>`;
    p['word/numbering.xml'] = strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
        `<w:abstractNum w:abstractNumId="0"><w:numStyleLink w:val="L"/>${lvl(0, 'chineseCounting', '%1、', '99999999999')}${lvl(1, 'decimalEnclosedCircle', '%10%2%9', '-1')}${lvl(2, 'bogus', '', 'x')}</w:abstractNum>` +
        `<w:abstractNum w:abstractNumId="1"><w:styleLink w:val="L"/>${lvl(0, 'upperRoman', '%1.%2.%3.%4.%5.%6.%7.%8.%9', '10000')}</w:abstractNum>` +
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="-5"/></w:lvlOverride></w:num>' +
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num><w:num w:numId="3"><w:abstractNumId w:val="3"/></w:num></w:numbering>',
    );
    const rel = '<Relationship Id="rIdN" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>';
    p['word/_rels/document.xml.rels'] = strToU8(text(p, 'word/_rels/document.xml.rels').replace('</Relationships>', `${rel}</Relationships>`));
    let i = 0;
    p['word/document.xml'] = strToU8(text(p, 'word/document.xml').replace(/<w:p>/g, () => `<w:p><w:pPr><w:numPr><w:ilvl w:val="${i % 4 === 3 ? 9 : i % 3}"/><w:numId w:val="${(i++ % 4) + 1}"/></w:numPr></w:pPr>`));
  }),
);

/** The first 60 lines of a text seed with its figures in every odd shape and odd spaces between cells. */
const seed = readFileSync(join(ROOT, 'examples/seeds/000_40816a03a284f883.txt'), 'utf8').split('\n').slice(0, 60).join('\n');
const shapes = (m: string) => ['9'.repeat(400), '1e308', '１２３．４５', '三四七五.〇九', '1,0000,000.00', `${m}\u00a0万元`, '-0', `0.${'0'.repeat(350)}1`, 'NaN', 'Infinity'];
const odd = seed.replace(/\d+\.\d+/g, (m, at: number) => shapes(m)[at % 10]!).replace(/\t/g, (m, at: number) => (at % 7 === 0 ? '\u3000' : at % 11 === 0 ? '\u2028' : m));
writeFileSync(join(OUT, 'odd-figures.txt'), odd);
console.log(`fixtures written to ${OUT}`);
