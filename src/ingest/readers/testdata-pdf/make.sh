#!/bin/sh
# Regenerates the PDF fixtures for pdf.test.ts. Needs LibreOffice (soffice), qpdf, poppler-utils (pdftoppm), Node and
# the Noto CJK fonts (fonts-noto-cjk). Run from anywhere: sh src/ingest/readers/testdata-pdf/make.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

# Why "HTML (StarWriter)": the default Writer/Web import ignores page styles, so the footer with the running page
# number (which the reader must drop) would not be laid out.
topdf() { soffice --headless --infilter="HTML (StarWriter)" --convert-to pdf "$1" >/dev/null 2>&1; }

head='<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>自评报告</title>
<style>body{font-family:"Noto Sans CJK SC";font-size:11pt} td{padding:2pt 6pt}</style></head><body>'
footer='<div title="footer"><p align="center">- <sdfield type=PAGE subtype=RANDOM format=PAGE>1</sdfield> -</p></div>'

# One page: heading, paragraph, a 4-column table of budget figures, below it (only an empty paragraph between) a
# second table of the same width, a Latin sentence, a page-number footer.
cat > report.html <<HTML
$head
<h1>示例区应急管理局部门整体支出绩效自评报告</h1>
<p>根据区财政局要求，我局对2022年度部门整体支出开展了绩效自评，自评得分为92.5分，评价等级为优。</p>
<table border="1" cellspacing="0" width="100%">
<tr><td>部门年初预算收入</td><td>4124.28</td><td>预算完成率</td><td>92.94%</td></tr>
<tr><td>全年预算数</td><td>4512.60</td><td>全年执行数</td><td>4194.02</td></tr>
<tr><td>基本支出</td><td>3020.15</td><td>项目支出</td><td>1173.87</td></tr>
</table>
<p>&nbsp;</p>
<table border="1" cellspacing="0" width="100%">
<tr><td>自评得分</td><td>92.5</td><td>评价等级</td><td>优</td></tr>
</table>
<p>Budget execution rate: 92.94% (see table above).</p>
$footer
</body></html>
HTML
topdf report.html

# Two pages: a table of project expenditure whose rows run on from page 1 to page 2.
{
  echo "$head<h1>项目支出明细</h1><p>下表列出2022年度各项目的预算数与执行数（单位：万元）。</p>"
  echo '<table border="1" cellspacing="0"><tr><td>序号</td><td>项目名称</td><td>预算数</td><td>执行数</td><td>执行率</td></tr>'
  i=1
  while [ $i -le 48 ]; do
    echo "<tr><td>$i</td><td>应急物资储备项目$i</td><td>$((100 + i * 7)).50</td><td>$((90 + i * 6)).25</td><td>9$((i % 10)).10%</td></tr>"
    i=$((i + 1))
  done
  echo "</table><p>合计执行率为93.18%。</p>$footer</body></html>"
} > two-pages.html
topdf two-pages.html

# Ten pages of a self-evaluation report (prose, ruled indicator tables, page-number footer) for the speed test.
{
  echo "$head<h1>部门整体支出绩效自评报告</h1>"
  s=1
  while [ $s -le 21 ]; do
    echo "<h2>（$s）部门整体支出绩效情况</h2>"
    for p in 1 2; do
      echo "<p>2022年，我局围绕区委区政府中心工作，统筹推进应急管理体系和能力现代化建设，全年组织开展安全生产检查$s$p次，排查整改隐患$((s * 37 + p))处，预算执行率达到9$p.$s%，较上年提高$p.$s个百分点。资金使用规范，未发现违规问题。</p>"
    done
    echo '<table border="1" cellspacing="0"><tr><td>指标名称</td><td>年度指标值</td><td>实际完成值</td><td>分值</td><td>得分</td></tr>'
    r=1
    while [ $r -le 8 ]; do
      echo "<tr><td>安全生产检查次数（第$r项）</td><td>≥${r}0次</td><td>$((r * 13))次</td><td>$r</td><td>$r.5</td></tr>"
      r=$((r + 1))
    done
    echo '</table>'
    s=$((s + 1))
  done
  echo "$footer</body></html>"
} > report-10p.html
topdf report-10p.html

# A scan: page 1 of the report rasterised, so it has no text layer.
# Why a data: URI: LibreOffice leaves linked images out of the PDF.
pdftoppm -r 50 -gray -png -f 1 -l 1 report.pdf scan
printf '<html><body><img src="data:image/png;base64,%s" width="600"></body></html>' "$(base64 -w0 scan-1.png)" > image-only.html
topdf image-only.html

# A text page followed by a scanned page.
qpdf --empty --pages report.pdf image-only.pdf -- mixed.pdf

qpdf --encrypt user owner 256 -- report.pdf encrypted.pdf

# Written by hand, as older Chinese generators (iText with iTextAsian) do: a non-embedded STSong-Light through the
# predefined UniGB-UCS2-H CMap (needs pdf.js's cmaps/), Helvetica (needs standard_fonts/), a running "第 1 页"
# header, a letter-spaced title, a label and value far apart without rules, an OCR-style line with one glyph per
# run, a diagonal watermark and a "- 1 -" footer. qpdf writes the cross-reference table.
content='BT /F1 10.5 Tf 270 805 Td <7b2c0020003100209875> Tj ET
BT /F1 16 Tf 250 760 Td <76ee> Tj 48 0 Td <5f55> Tj ET
BT /F1 12 Tf 72 720 Td <90e895e85e74521d98847b9765365165> Tj ET
BT /F2 12 Tf 300 720 Td (4124.28) Tj ET
BT /F1 12 Tf 72 700 Td <81ea> Tj 16 0 Td <8bc4> Tj 16 0 Td <5f97> Tj 16 0 Td <5206> Tj ET
BT /F2 12 Tf 140 700 Td (92.5) Tj ET
BT /F2 40 Tf 0.7071 0.7071 -0.7071 0.7071 150 300 Tm (DRAFT) Tj ET
BT /F2 10 Tf 290 30 Td (- 1 -) Tj ET'
cat > cid-font.raw <<RAW
%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R /F2 8 0 R >> >> >> endobj
4 0 obj << /Length $(printf '%s' "$content" | wc -c) >> stream
$content
endstream endobj
5 0 obj << /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >> endobj
6 0 obj << /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 7 0 R /DW 1000 >> endobj
7 0 obj << /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >> endobj
8 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >> endobj
trailer << /Root 1 0 R /Size 9 >>
%%EOF
RAW
# Why the exit status 3 is accepted: qpdf reports the missing cross-reference table it rebuilt as a warning.
qpdf cid-font.raw cid-font.pdf 2>/dev/null || [ $? -eq 3 ]

# A hostile font: an embedded Type1 font whose Encoding puts a glyph at index 30,000,000. pdf.js then runs
# Array.indexOf over a 30-million-slot sparse array once per glyph (minutes of synchronous work) — the reader must
# stop it. Written by Node because the font's private part must be eexec-encrypted.
node --input-type=module - <<'JS'
import { writeFileSync } from 'node:fs';
const encrypt = (plain, r) => {
  const out = Buffer.alloc(plain.length);
  for (let i = 0; i < plain.length; i++) {
    out[i] = plain[i] ^ (r >> 8);
    r = ((out[i] + r) * 52845 + 22719) & 0xffff;
  }
  return out;
};
const charstring = encrypt(Buffer.from([0, 0, 0, 0, 139, 139, 13, 14]), 4330); // 0 0 hsbw endchar
const clear = Buffer.from('%!PS-AdobeFont-1.0: Broken 001.000\n11 dict begin\n/FontName /Broken def\n/FontType 1 def\n' +
  '/FontMatrix [0.001 0 0 0.001 0 0] readonly def\n/FontBBox {0 0 1000 1000} readonly def\n/PaintType 0 def\n' +
  '/Encoding 256 array\n0 1 255 {1 index exch /.notdef put} for\ndup 65 /A put\ndup 30000000 /A put\nreadonly def\n' +
  'currentfile eexec\n');
const glyphs = [];
for (let g = 0; g < 300; g++) glyphs.push(Buffer.from(`/g${g} ${charstring.length} RD `), charstring, Buffer.from(' ND\n'));
const privateDict = Buffer.concat([
  Buffer.from('dup /Private 8 dict dup begin\n/RD{string currentfile exch readstring pop}executeonly def\n' +
    '/ND{noaccess def}executeonly def\n/NP{noaccess put}executeonly def\n/lenIV 4 def\n' +
    `2 index /CharStrings 301 dict dup begin\n/.notdef ${charstring.length} RD `), charstring, Buffer.from(' ND\n'),
  ...glyphs,
  Buffer.from('end\nend\nreadonly put\nnoaccess put\ndup /FontName get exch definefont pop\nmark currentfile closefile\n'),
]);
const binary = encrypt(Buffer.concat([Buffer.alloc(4), privateDict]), 55665);
const zeros = ('0'.repeat(64) + '\n').repeat(8) + 'cleartomark\n';
const font = Buffer.concat([clear, binary, Buffer.from(zeros)]);
const content = 'BT /F1 12 Tf 72 720 Td (A) Tj ET BT /F2 12 Tf 72 700 Td (4124.28) Tj ET';
const objects = [
  '<< /Type /Catalog /Pages 2 0 R >>',
  '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
  '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R /F2 7 0 R >> >> >>',
  `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  '<< /Type /Font /Subtype /Type1 /BaseFont /Broken /FirstChar 65 /LastChar 65 /Widths [500] /FontDescriptor 6 0 R >>',
  '<< /Type /FontDescriptor /FontName /Broken /Flags 32 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 1000 /Descent 0 /CapHeight 1000 /StemV 80 /FontFile 8 0 R >>',
  '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  Buffer.concat([Buffer.from(`<< /Length ${font.length} /Length1 ${clear.length} /Length2 ${binary.length} /Length3 ${zeros.length} >>\nstream\n`), font, Buffer.from('\nendstream')]),
];
const parts = [Buffer.from('%PDF-1.4\n')];
const offsets = [];
let at = parts[0].length;
objects.forEach((body, i) => {
  const part = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), Buffer.from(body), Buffer.from('\nendobj\n')]);
  offsets.push(at);
  parts.push(part);
  at += part.length;
});
const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` + offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`));
writeFileSync('broken-font.pdf', Buffer.concat(parts));
JS

cp report.pdf report-10p.pdf two-pages.pdf image-only.pdf mixed.pdf encrypted.pdf cid-font.pdf broken-font.pdf "$here/"
ls -l "$here"
