import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Doc, cellText, label, para, text } from './doc.ts';
import { renderHtml } from './html.ts';
import { SAMPLE_DOC } from './testdata/sample-doc.ts';

const html = renderHtml(SAMPLE_DOC);

/** The HTML of one table, found by its id. */
function tableHtml(page: string, id: string): string {
  const at = page.indexOf(`data-table="${id}"`);
  assert.ok(at >= 0, `table ${id} not found`);
  const start = page.lastIndexOf('<table', at);
  const end = page.indexOf('</table>', start);
  return page.slice(start, end + '</table>'.length);
}

describe('renderHtml: page', () => {
  it('is a self-contained Chinese HTML5 page', () => {
    assert.ok(html.startsWith('<!DOCTYPE html>\n'));
    assert.ok(html.includes('<html lang="zh-CN">'));
    assert.ok(html.includes('<meta charset="utf-8">'));
    assert.ok(html.includes(`<title>${SAMPLE_DOC.meta.title}</title>`));
    assert.ok(!/<script/i.test(html), 'no scripts');
    assert.ok(!/https?:\/\//i.test(html), 'no URLs to fetch');
    assert.ok(!/<link\b|<img\b|@import|url\(/i.test(html), 'no external resources');
  });

  it('prints on A4 with GB/T 9704 margins and page numbers "— 1 —"', () => {
    assert.match(html, /size: A4 portrait;/);
    assert.match(html, /margin: 37mm 26mm 35mm 28mm;/);
    assert.match(html, /@bottom-center \{ content: "— " counter\(page\) " —";/);
    const form = renderHtml({ meta: { ...SAMPLE_DOC.meta, layout: 'form', orientation: 'landscape' }, blocks: SAMPLE_DOC.blocks });
    assert.match(form, /size: A4 landscape;/);
    assert.match(form, /margin: 20mm;/);
    assert.match(form, /font-size: 10\.5pt; line-height: 1\.6;/);
  });

  it('puts a landscape table, with its caption and unit note, on the named landscape page', () => {
    const wide = renderHtml({ ...SAMPLE_DOC, blocks: SAMPLE_DOC.blocks.map((b) => (b.kind === 'table' && b.table.id === 'projects' ? { ...b, table: { ...b.table, landscape: true } } : b)) });
    assert.match(wide, /@page wide \{\s*size: A4 landscape;\s*margin: 20mm;\s*@bottom-center \{ content: "— " counter\(page\) " —";/);
    assert.match(wide, /\.landscape \{ page: wide; \}/);
    const section = wide.match(/<section class="landscape">([\s\S]*?)<\/section>/);
    assert.ok(section, 'the landscape wrapper');
    assert.ok(section[1]!.includes('data-table="projects"') && section[1]!.includes('表 3：项目支出情况') && section[1]!.includes('单位：元'));
    assert.equal(wide.match(/<section class="landscape">/g)?.length, 1, 'only the landscape table is wrapped');
    assert.ok(!html.includes('<section class="landscape">'), 'a table without landscape is not wrapped');
  });

  it('uses the document typefaces with fallbacks a Linux machine has', () => {
    assert.ok(html.includes('"FangSong", "仿宋", "STFangsong", "FangSong_GB2312", "Noto Serif CJK SC", "Source Han Serif SC", serif'));
    assert.ok(html.includes('"SimHei", "黑体", "Heiti SC", "Noto Sans CJK SC", sans-serif'));
    assert.ok(html.includes('"KaiTi", "楷体", "STKaiti", "Noto Serif CJK SC", serif'));
    assert.ok(html.includes('"SimSun", "宋体", "Songti SC", "Noto Serif CJK SC", serif'));
  });
});

describe('renderHtml: blocks', () => {
  it('writes the title lines, the four heading levels, paragraphs and the page break', () => {
    assert.ok(html.includes('<header class="doc-title"><p>2023 年度某区应急管理局</p><p>部门整体支出绩效自评报告</p></header>'));
    assert.ok(html.includes('<h1>一、部门基本情况</h1>'));
    assert.ok(html.includes('<h2>（一）部门职能</h2>'));
    assert.ok(html.includes('<h3>1.整体效能</h3>'));
    assert.ok(html.includes('<h4>（1）产出指标完成情况</h4>'));
    assert.ok(html.includes('<p data-generated="true">2023 年本单位预算收入 <strong>3,916.29</strong> 万元'));
    assert.ok(html.includes('<p>负责应急管理工作'));
    assert.ok(html.includes('<p class="note ar">单位：万元</p>'));
    assert.ok(html.includes('<div class="page-break" style="break-after: page"></div>'));
  });

  it('marks paragraphs without indent or with an alignment', () => {
    const page = renderHtml({ meta: { title: 't', layout: 'report' }, blocks: [para('甲', { indent: false, align: 'center' })] });
    assert.ok(page.includes('<p class="noindent ac">甲</p>'));
  });

  it('escapes <&> in text, cells, comments and the title', () => {
    const doc: Doc = {
      meta: { title: 'A <b> & "C"', layout: 'report' },
      blocks: [
        { kind: 'title', lines: ['<标题> & 1'] },
        { kind: 'heading', level: 1, text: '一、<h1> & co' },
        para(['x < y & ', { text: 'z > 0', bold: true }]),
        { kind: 'note', text: '注：<note>' },
        {
          kind: 'table',
          table: {
            id: 't<1>',
            sheet: 's',
            caption: '表 <1> & 2',
            unitNote: '单位：<元>',
            columns: [{ key: 'a', width: 4 }, { key: 'b', width: 4 }],
            header: [{ cells: [text('A&B'), text('<C>')] }],
            body: [{ cells: [label('行<1>', { comment: 'say "hi" & <bye>' }), text('第一行\n<第二行>')] }],
          },
        },
      ],
    };
    const page = renderHtml(doc);
    assert.ok(!page.includes('<b>') && !page.includes('<标题>') && !page.includes('<C>') && !page.includes('<note>'));
    assert.ok(page.includes('<title>A &lt;b&gt; &amp; &quot;C&quot;</title>'));
    assert.ok(page.includes('<p>&lt;标题&gt; &amp; 1</p>'));
    assert.ok(page.includes('<h1>一、&lt;h1&gt; &amp; co</h1>'));
    assert.ok(page.includes('<p>x &lt; y &amp; <strong>z &gt; 0</strong></p>'));
    assert.ok(page.includes('注：&lt;note&gt;'));
    assert.ok(page.includes('data-table="t&lt;1&gt;"'));
    assert.ok(page.includes('表 &lt;1&gt; &amp; 2') && page.includes('单位：&lt;元&gt;'));
    assert.ok(page.includes('>A&amp;B</th>') && page.includes('>&lt;C&gt;</th>'));
    assert.ok(page.includes('title="say &quot;hi&quot; &amp; &lt;bye&gt;"'));
    assert.ok(page.includes('>第一行<br>&lt;第二行&gt;</td>'), 'a newline in a cell is a <br>');
  });
});

describe('renderHtml: tables', () => {
  it('puts both header rows of the projects table in <thead>, with the spans as attributes', () => {
    const t = tableHtml(html, 'projects');
    const thead = /<thead>([\s\S]*?)<\/thead>/.exec(t)?.[1] ?? '';
    assert.equal((thead.match(/<tr>/g) ?? []).length, 2, 'two header rows');
    assert.ok(thead.includes('<th scope="col" rowspan="2">项目名称</th>'));
    assert.ok(thead.includes('<th scope="col" colspan="4">预算</th>'));
    assert.ok(thead.includes('<th scope="col">调整后预算数</th>'));
    assert.ok(t.includes('<caption><span class="caption-text">表 3：项目支出情况</span><span class="unit">单位：元</span></caption>'));
    assert.ok(t.startsWith('<table class="grid small"'), 'size small');
    assert.match(html, /table\.grid thead \{ display: table-header-group; \}/);
  });

  it('writes the form table with colspan="4" and rowspan="3", label cells as th', () => {
    const t = tableHtml(html, 'form');
    assert.ok(!t.includes('<thead>'), 'no header rows, no thead');
    assert.ok(t.includes('<th class="label" rowspan="3">部门资金情况</th>'));
    assert.ok(t.includes('<td class="aj" colspan="4">（1）加强应急救援队伍建设'));
    assert.ok(t.includes('<td colspan="2">某区应急管理局</td>'));
    // The rows covered by the rowspan start one column later: 4 cells each, not 5.
    const rows = t.match(/<tr>[\s\S]*?<\/tr>/g) ?? [];
    assert.equal(rows.length, 5);
    assert.equal((rows[2]?.match(/<t[hd]\b/g) ?? []).length, 4);
    assert.equal((rows[3]?.match(/<t[hd]\b/g) ?? []).length, 4);
  });

  it('shows figures exactly as cellText does: thousands, percentages, the dash', () => {
    for (const fig of ['3,916.29', '4,171.75', '97.12%', '705,466.40', '80.86%', '55.32%', '100.00%', '0.00']) {
      assert.ok(html.includes(`>${fig}</td>`), fig);
    }
    assert.ok(html.includes('<td class="ar">—</td>'), 'the 0/0 rate is a dash');
    assert.ok(html.includes('<td class="num ar">3,916.29</td>'), 'numbers right-aligned with tabular figures');
    assert.equal(cellText({ type: 'percent', value: { n: 808576n, d: 1000000n }, decimals: 2 }), '80.86%');
  });

  it('marks total rows and carries a cell comment as a title attribute', () => {
    const t = tableHtml(html, 'projects');
    assert.ok(t.includes('<tr class="total"><td class="b">合计</td>'));
    assert.ok(t.includes('title="合计行印出 705,466.41，按各行之和为 705,466.40">705,466.40</td>'));
  });

  it('proportions the columns by their widths in characters', () => {
    const t = tableHtml(html, 'projects');
    assert.ok(t.includes('<colgroup><col style="width: 23.3333%"><col style="width: 13.3333%">'));
    assert.ok(t.includes('<col style="width: 10.0000%"></colgroup>'));
  });

  it('leaves out a table meant for the workbook only, keeps one meant for PDF', () => {
    assert.ok(!html.includes('基本信息') && !html.includes('key-figures') && !html.includes('年初预算（万元）'));
    const table = { id: 'pdf-only', sheet: 's', columns: [{ key: 'a', width: 4 }], header: [], body: [{ cells: [text('只在 PDF')] }] };
    const page = renderHtml({ meta: { title: 't', layout: 'form' }, blocks: [{ kind: 'table', formats: ['pdf'], table }] });
    assert.ok(page.includes('只在 PDF'));
    const none = renderHtml({ meta: { title: 't', layout: 'form' }, blocks: [{ kind: 'table', formats: ['docx', 'xlsx'], table }] });
    assert.ok(!none.includes('只在 PDF'));
  });

  it('fills a hole in a short row with an empty cell, so its borders are drawn', () => {
    const page = renderHtml({
      meta: { title: 't', layout: 'form' },
      blocks: [
        {
          kind: 'table',
          table: { id: 'h', sheet: 'h', columns: [{ key: 'a', width: 4 }, { key: 'b', width: 4 }, { key: 'c', width: 4 }], header: [], body: [{ cells: [text('一')] }] },
        },
      ],
    });
    assert.ok(page.includes('<tr><td>一</td><td></td><td></td></tr>'));
  });
});
