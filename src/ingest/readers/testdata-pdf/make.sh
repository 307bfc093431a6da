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
# Array.indexOf over a 30-million-slot sparse array once per glyph (minutes of synchronous work). The reader keeps
# no clock: stopping it is the import pool's time limit (src/ingest/pool/), for whose tests the file is kept.
# Written by Node because the font's private part must be eexec-encrypted.
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

# Ruled tables whose rows wrap: a form table with cells merged down (rowspan, vertically centred) and across
# (colspan), long CJK and Latin cells wrapping onto several lines; then a table whose long row is split by the page
# break onto page 2.
long=''
i=1
while [ $i -le 40 ]; do
  long="$long第${i}项：组织开展安全生产检查，排查整改隐患，落实整改责任。"
  i=$((i + 1))
done
cat > table-rows.html <<HTML
$head
<p>表 1 重点任务完成情况</p>
<table border="1" cellspacing="0" width="100%">
<tr><td width="9%">主要任务</td><td width="25%">预期目标</td><td width="25%">目标完成情况</td><td width="20%">关键指标</td><td width="11%">指标值</td><td width="10%">金额</td></tr>
<tr><td rowspan="3" valign="middle">任务1</td><td rowspan="3">加强三防能力建设，认真落实防汛责任制，落实汛期督导检查，完善三防预案，组织应急抢险，加强汛期24小时值班值守，及时启动防暴雨防台风应急响应。</td><td rowspan="3">全区共出动2582人次，巡查2565处，发现问题239处，均已落实整改措施，修编三防预案和规范工作制度，全区实现了零伤亡少损失目标。</td><td>防汛物资采购完成率</td><td>100%</td><td rowspan="3" valign="middle">59.12</td></tr>
<tr><td>启动响应保证率</td><td>100%</td></tr>
<tr><td>人员伤亡数</td><td>0</td></tr>
<tr><td>任务2</td><td colspan="2">Budget execution was reviewed against the annual plan and the mid-year adjustment approved by the district government in July.</td><td>开展应急演练场次</td><td>785场</td><td>39.66</td></tr>
<tr><td colspan="4">合计</td><td>—</td><td>98.78</td></tr>
</table>
<p>以上为重点任务情况。</p>
<p>表 2 工作完成情况</p>
<table border="1" cellspacing="0" width="100%">
<tr><td width="15%">序号</td><td width="60%">完成情况</td><td width="25%">备注</td></tr>
<tr><td>1</td><td>$long</td><td>按期完成</td></tr>
<tr><td>2</td><td>完成全区综合减灾示范社区创建任务。</td><td>已验收</td></tr>
</table>
<p>全年工作任务均已完成。</p>
$footer
</body></html>
HTML
topdf table-rows.html

# Written by hand (Helvetica): tables ruled the ways other producers draw them. Table A: every cell edge a thin
# filled bar of its own, shifted by up to 0.7 pt, a double rule at the bottom, "Task A" merged over two rows (no
# bar under it) and printed in the lower one, "Total" merged over two columns, a cell wrapping onto two lines, a
# remark running past its cell's rule. Table B: stroked frame, column rules and one rule under the header, none
# between the body rows. Table C: a three-line table with one rule after its stub column.
node --input-type=module - <<'JS'
import { writeFileSync } from 'node:fs';
const ops = [];
const text = (x, y, s, size = 9) => ops.push(`BT /F1 ${size} Tf ${x} ${y} Td (${s}) Tj ET`);
const jitter = [0, 0.6, -0.5, 0.3, -0.7, 0.4];
let k = 0;
const shift = () => jitter[k++ % jitter.length];
const hbar = (x0, x1, y) => ops.push(`${(x0 + shift()).toFixed(2)} ${(y - 0.25 + shift() / 2).toFixed(2)} ${(x1 - x0).toFixed(2)} 0.5 re f`);
const vbar = (x, y0, y1) => ops.push(`${(x - 0.25 + shift() / 2).toFixed(2)} ${(y0 + shift()).toFixed(2)} 0.5 ${(y1 - y0).toFixed(2)} re f`);
text(60, 790, 'Ruled tables drawn with bars', 12);
const xa = [60, 160, 300, 420, 520];
const ya = [760, 740, 710, 690, 670, 650];
for (let r = 0; r < ya.length; r++) for (let c = 0; c < 4; c++) if (!(r === 2 && c === 0)) hbar(xa[c], xa[c + 1], ya[r]);
ops.push('60 647.5 460 0.5 re f');
for (let r = 0; r < 5; r++) for (let c = 0; c < xa.length; c++) if (!(r === 3 && c === 1)) vbar(xa[c], ya[r + 1], ya[r]);
text(65, 747, 'Item'); text(165, 747, 'Description'); text(305, 747, 'Target'); text(425, 747, 'Actual');
text(165, 729, 'Budget execution'); text(165, 718, 'reviewed monthly'); text(305, 729, '100%'); text(425, 729, '98.5%');
text(65, 703, 'Task A');
text(165, 697, 'Staff trained'); text(305, 697, '200'); text(425, 697, '215');
text(148, 677, 'Total'); text(305, 677, '300'); text(425, 677, '313.5');
text(65, 657, 'Note'); text(165, 657, 'A remark that runs on past the rule of its cell');
text(60, 625, 'Below table A.', 10);
ops.push('0.5 w 60 520 380 80 re S 60 585 m 440 585 l S 200 600 m 200 520 l S 320 600 m 320 520 l S');
text(65, 590, 'Project'); text(205, 590, 'Budget'); text(325, 590, 'Spent');
const body = [['Rescue supplies', '436.50', '378.25'], ['Training', '80.00', '80.00'], ['Forest patrol', '182.00', '182.00'], ['Total', '698.50', '640.25']];
body.forEach(([a, b, c], i) => { text(65, 573 - 14 * i, a); text(205, 573 - 14 * i, b); text(325, 573 - 14 * i, c); });
ops.push('0.5 w 60 480 m 440 480 l S 60 465 m 440 465 l S 60 420 m 440 420 l S 160 480 m 160 420 l S');
text(65, 470, 'Item'); text(205, 470, '2022'); text(325, 470, '2023');
body.slice(0, 3).forEach(([a, b, c], i) => { text(65, 453 - 14 * i, a); text(205, 453 - 14 * i, b); text(325, 453 - 14 * i, c); });
text(290, 40, '- 1 -', 10);
const content = ops.join('\n');
const objects = [
  '<< /Type /Catalog /Pages 2 0 R >>',
  '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
  '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
  `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
];
let out = '%PDF-1.4\n';
const offsets = [];
objects.forEach((o, i) => {
  offsets.push(out.length);
  out += `${i + 1} 0 obj\n${o}\nendobj\n`;
});
const xref = out.length;
out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` + offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
writeFileSync('ruled-bars.pdf', out, 'latin1');
JS

cp report.pdf report-10p.pdf two-pages.pdf image-only.pdf mixed.pdf encrypted.pdf cid-font.pdf broken-font.pdf table-rows.pdf ruled-bars.pdf "$here/"
ls -l "$here"
