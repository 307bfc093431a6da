import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { summarize } from '../core/summary.ts';
import { importDocument } from './import.ts';
import { recognizeKind } from './kinds.ts';
import { readText } from './readers/text.ts';
import { detectHeading, isValueCell, lineAt, segment, splitRunTogether } from './segment.ts';
import type { SourceDocument } from './source.ts';

const SEEDS = new URL('../../examples/seeds/', import.meta.url).pathname;
const seed = (id: string) => {
  const r = readText(readFileSync(join(SEEDS, readdirSync(SEEDS).find((f) => f.startsWith(id))!)));
  if (!r.ok) throw new Error(id);
  return r.document;
};
const doc = (text: string): SourceDocument => ({ format: 'text', lines: text.split('\n').map((l, i) => ({ cells: l.split('\t'), loc: { line: i + 1 } })) });

test('headings by their numbering; a numbered paragraph of running text is not a heading', () => {
  assert.deepEqual(detectHeading('一、部门基本情况'), { level: 1, marker: '一、', title: '部门基本情况' });
  assert.equal(detectHeading('（二）年度总体工作和重点工作任务')?.level, 2);
  assert.equal(detectHeading('#### （四）部门整体收支情况')?.level, 2);
  assert.equal(detectHeading('1、加强安委办统筹协调指导力度。')?.level, 3);
  assert.equal(detectHeading('（1）绩效目标部分未量化')?.level, 4);
  assert.equal(detectHeading('1.负责应急管理工作，指导全区各部门、各街道应对安全生产类、自然灾害类等突发事件和综合防灾减灾救灾工作。负责安全生产综合监督管理。'), undefined);
  assert.equal(detectHeading('2.5%的增长'), undefined);
});

test('value cells are figures, not text that starts with one', () => {
  for (const v of ['3229.91', '92.94%', '785 场', '1.29 万家次', '≥2000家', '0件', '3,027.78']) assert.ok(isValueCell(v), v);
  for (const v of ['2022 年以来，我局扎实开展安全生产', '加强三防能力建设', '']) assert.ok(!isValueCell(v), v);
});

test('a sentence cut by a page break is one paragraph again', () => {
  const s = segment(seed('001'));
  const p = s.paragraphs.find((x) => x.text.includes('调整预算数4171.75'));
  assert.ok(p, 'the (四) paragraph is rejoined across the blank line');
  assert.equal(p.pieces.length, 2);
});

test('a table row split by a page break is rejoined cell by cell; value rows are not', () => {
  const s = segment(seed('000'));
  const form = s.tables[0]!;
  const task2 = form.rows.find((r) => r.cells.some((c) => c.startsWith('完成全区综合减灾社区创建任务')))!;
  assert.match(task2.cells.find((c) => c.startsWith('完成全区综合减灾'))!, /“十个有”建设任务$/);
  assert.ok(task2.lines.length > 1);
  // 001 table 3: rows after a page break with their own figures stay rows.
  const t3 = segment(seed('001')).tables.find((t) => t.caption?.startsWith('表 3'))!;
  assert.equal(t3.rows.filter((r) => r.cells.some((c) => c === '三公经费')).length, 3);
  assert.match(t3.unitNotes.join(''), /项目支出：元/);
});

test('the four layouts are recognised by structure; other text is unknown', () => {
  const kinds = ['000', '001', '002', '003', '004'].map((id) => {
    const s = segment(seed(id));
    return recognizeKind(s.lines.map((l) => l.cells.join('')).join('').replace(/\s+/g, '')).spec.id;
  });
  assert.deepEqual(kinds, ['gz-form', 'gz-report', 'gz-form', 'framework-report', 'longgang-report']);
  assert.equal(recognizeKind('本单位2024年预算收入100万元，支出90万元。').spec.id, 'unknown');
});

test('fuzz: segmentation never throws, keeps every line, and every table row points at real lines', () => {
  const line = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.constantFrom('', '一、部门基本情况', '（一）职能', '1.负责', '任务1\t内容\t完成\t指标\t100%\t5.5', '\t\t续行文字没有结束', '\t3229.91\t92.94%', '表 2：经济分类', '单位：万元', '合计\t100', '-- \t --', '# 标题', '\f', '— 3 —', '3/12', '续表', '预算执行率 10 100% 10', '\t\t执行数\t1O0.5'),
  );
  let runs = 0;
  fc.assert(
    fc.property(fc.array(line, { maxLength: 40 }), (lines) => {
      runs++;
      const d = doc(lines.join('\n'));
      const s = segment(d);
      if (s.lines.length !== d.lines.length) return false;
      return s.tables.every((t) => t.rows.every((r) => r.lines.every((i) => i >= 0 && i < s.lines.length)));
    }),
    { numRuns: 4000 },
  );
  assert.equal(runs, 4000);
});

test('a paragraph joined from 20,000 lines gives each figure its own source line', () => {
  const lines = Array.from({ length: 20_000 }, (_, i) => `开展检查 ${i} 次`);
  const seg = segment({ format: 'text', lines: lines.map((t, i) => ({ cells: [t], loc: { line: i + 1 } })) });
  assert.equal(seg.paragraphs.length, 1);
  const p = seg.paragraphs[0]!;
  assert.equal(p.pieces.length, 20_000);
  for (let i = 0; i < p.pieces.length; i += 1) {
    const piece = p.pieces[i]!;
    assert.equal(lineAt(p, piece.offset), piece.line);
    assert.equal(lineAt(p, piece.offset + 3), piece.line);
  }
  assert.equal(lineAt(p, p.text.length + 5), p.pieces[p.pieces.length - 1]!.line);
});

/** A document of reader tables: `T<n>|a|b|c` is a row of table n, other lines are paragraphs. */
const tablesDoc = (format: SourceDocument['format'], lines: string[]): SourceDocument => ({
  format,
  lines: lines.map((l, i) => {
    const m = /^T(\d+)\|(.*)$/.exec(l);
    return m ? { cells: m[2]!.split('|'), loc: { line: i + 1 }, table: Number(m[1]) } : { cells: [l], loc: { line: i + 1 } };
  }),
});
const rowsOf = (s: ReturnType<typeof segment>) => s.tables.map((t) => t.rows.map((r) => r.cells.join('|')));

test('running page headers and footers inside a text table are page breaks: every row stays, the footer is no text', () => {
  const s = segment(doc(['表1 项目支出情况', '序号\t项目名称\t年初预算数\t执行数', '1\t甲项目\t10.00\t9.00', '', '— 3 —', '', '2\t乙项目\t20.00\t18.00', '- 4 -', '3\t丙项目\t30.00\t27.00', '第 2 页 共 5 页', '4\t丁项目\t40.00\t36.00', '第5页', '5\t戊项目\t50.00\t45.00', '', '3/12', '', '6\t己项目\t60.00\t54.00'].join('\n')));
  assert.deepEqual(rowsOf(s), [['序号|项目名称|年初预算数|执行数', '1|甲项目|10.00|9.00', '2|乙项目|20.00|18.00', '3|丙项目|30.00|27.00', '4|丁项目|40.00|36.00', '5|戊项目|50.00|45.00', '6|己项目|60.00|54.00']]);
  assert.ok(!s.paragraphs.some((p) => /— 3 —|- 4 -|第 2 页|第5页|3\/12/.test(p.text)));
});

test('page-number shapes that are data stay: a cell of a row, a "3/12" between two lines of text', () => {
  const s = segment(doc(['召开会议次数', '3/12', '其余见下表', '序号\t名称\t日期', '1\t例会\t3/12'].join('\n')));
  assert.ok(s.paragraphs.some((p) => p.text.includes('3/12')));
  assert.deepEqual(rowsOf(s), [['序号|名称|日期', '1|例会|3/12']]);
});

test('a text table whose header is printed again after the page break reads as one table without the repeated header', () => {
  const head = '一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值';
  const s = segment(doc([head, '产出指标\t数量指标\t培训场次\t≥10场\t12场', '', '— 2 —', '', head, '\t\t参训人数\t≥500人\t620人', '效益指标\t社会效益指标\t群众知晓率\t≥90%\t93%'].join('\n')));
  assert.equal(s.tables.length, 1);
  assert.deepEqual(rowsOf(s)[0], [head.replace(/\t/g, '|'), '产出指标|数量指标|培训场次|≥10场|12场', '||参训人数|≥500人|620人', '效益指标|社会效益指标|群众知晓率|≥90%|93%']);
  // After the repeated header, a row of other words without figures is data, not more header.
  const qualitative = segment(doc([head, '产出指标\t数量指标\t培训场次\t≥10场\t12场', '', head, '\t质量指标\t应急处置水平\t提高\t提高'].join('\n')));
  assert.deepEqual(rowsOf(qualitative)[0]!.slice(2), ['|质量指标|应急处置水平|提高|提高']);
  // A header block repeated only in part is not a reprint: its rows stay.
  const partial = segment(doc(['评价指标\t\t参考评分标准\t自评得分', '一级\t二级\t分值\t', '部门决策\t预算编制\t10\t9', '', '评价指标\t\t参考评分标准\t自评得分', '一级 名称\t分值\t二级 名称\t', '部门管理\t资金管理\t8\t8'].join('\n')));
  assert.equal(partial.tables[0]!.rows.length, 6);
});

test('a table a page break split into two Word tables reads as one, with or without its header repeated', () => {
  const header = 'T0|序号|项目名称|年初预算数|执行数';
  const bare = segment(tablesDoc('docx', [header, 'T0|1|甲项目|10.00|9.00', 'T0|2|乙项目|20.00|18.00', '', 'T1|3|丙项目|30.00|27.00', 'T1|合计||60.00|54.00']));
  assert.deepEqual(rowsOf(bare), [['序号|项目名称|年初预算数|执行数', '1|甲项目|10.00|9.00', '2|乙项目|20.00|18.00', '3|丙项目|30.00|27.00', '合计||60.00|54.00']]);
  const repeated = segment(tablesDoc('docx', [header, 'T0|1|甲项目|10.00|9.00', '— 1 —', '', '第 2 页 共 3 页', header.replace('T0', 'T1'), 'T1|2|乙项目|20.00|18.00']));
  assert.deepEqual(rowsOf(repeated), [['序号|项目名称|年初预算数|执行数', '1|甲项目|10.00|9.00', '2|乙项目|20.00|18.00']]);
  assert.equal(repeated.tableOfLine.get(5), 0, 'the dropped header still belongs to the table');
  // A continuation caption says the next table goes on even when its first row is a header of other words.
  const continued = segment(tablesDoc('docx', [header, 'T0|1|甲项目|10.00|9.00', '续表', 'T1|序号|名称|年初|执行', 'T1|2|乙项目|20.00|18.00']));
  assert.equal(continued.tables.length, 1);
});

test('two tables stay two: another header, a title row, other columns, or text between them', () => {
  const first = ['T0|序号|项目名称|年初预算数|执行数', 'T0|1|甲项目|10.00|9.00'];
  const count = (lines: string[]) => segment(tablesDoc('docx', [...first, ...lines])).tables.length;
  assert.equal(count(['', 'T1|一级指标|二级指标|三级指标|指标值', 'T1|产出指标|数量指标|场次|10场']), 2);
  assert.equal(count(['', 'T1|部门整体支出绩效自评表|||', 'T1|1|甲|10.00|9.00']), 2);
  assert.equal(count(['', 'T1|1|甲项目|10.00', 'T1|2|乙项目|20.00']), 2);
  assert.equal(count(['注：本表由财务科填报。', 'T1|2|乙项目|20.00|18.00']), 2);
});

test('a row a PDF page break cut through its figures is one row again', () => {
  const pdf: SourceDocument = {
    format: 'pdf',
    lines: [
      { cells: ['序号', '项目名称', '年初预算', '调整后预算', '支出率'], loc: { page: 1, line: 1 }, table: 0 },
      { cells: ['1', '公务用', '180,00', '179,80', '100.00'], loc: { page: 1, line: 2 }, table: 0 },
      { cells: ['', '车购置经费', '0.00', '0.00', '%'], loc: { page: 2, line: 1 }, table: 0, pageStart: true },
      { cells: ['2', '(穗天政数函', '5,000.00', '5,000.00', '100.00%'], loc: { page: 2, line: 2 }, table: 0 },
      { cells: ['', '【2020】328号)业务系统运维', '', '', ''], loc: { page: 3, line: 1 }, table: 0, pageStart: true },
      { cells: ['3', '办公场所装修', '150,000.00', '148,278.48', '100.00%'], loc: { page: 3, line: 2 }, table: 0 },
    ],
  };
  assert.deepEqual(rowsOf(segment(pdf))[0]!.slice(1), ['1|公务用车购置经费|180,000.00|179,800.00|100.00%', '2|(穗天政数函【2020】328号)业务系统运维|5,000.00|5,000.00|100.00%', '3|办公场所装修|150,000.00|148,278.48|100.00%']);
});

test('cells a PDF-to-text step ran together are split when the header gives their number, and only then', () => {
  const s = segment(doc(['指标\t分值\t执行率\t得分', '预算执行率 10 100% 10', '部门 预算 执行率 10 95.5% 9.55', '加强 领导 统筹 部署', '宣传受众 41.3 万人次 5', '政府采购执行率 5 98.2% 4.91'].join('\n')));
  assert.deepEqual(rowsOf(s)[0], ['指标|分值|执行率|得分', '预算执行率|10|100%|10', '政府采购执行率|5|98.2%|4.91']);
  assert.ok(s.paragraphs.some((p) => p.text === '部门 预算 执行率 10 95.5% 9.55'), 'five tokens for four columns: left as it is');
  assert.deepEqual(splitRunTogether(['年初预算数1580.50全年预算数1620.00'], 4), ['年初预算数', '1580.50', '全年预算数', '1620.00']);
  assert.deepEqual(splitRunTogether(['安全生产宣传受众 41.3 万人次 5'], 3), ['安全生产宣传受众', '41.3 万人次', '5']);
  assert.equal(splitRunTogether(['年初预算数1580.50全年预算数1620.00'], 5), undefined);
  assert.equal(splitRunTogether(['今年累计巡查 15799.5 公里，累计出动 420 车次'], 4), undefined);
  assert.equal(splitRunTogether(['加强 领导 统筹 部署'], 4), undefined);
});

test('figures whose reading is uncertain are noted with their line; certain ones are not', () => {
  const s = segment(doc(['全年执行数1 234万元', '共检查1，234家', '合计1，234.56万元', '执行数1O0.5万元'].join('\n')));
  assert.deepEqual(s.notes.map((n) => [n.code, n.params['line'], n.params['got']]), [['uncertain-number', 1, '1 234'], ['uncertain-number', 2, '1，234']]);
  const many = segment(doc(Array.from({ length: 20 }, (_, i) => `第${i}项 1 ${String(100 + i)}`).join('\n')));
  assert.equal(many.notes.length, 13);
  assert.deepEqual(many.notes.at(-1)?.params, { more: 8 });
});

test('a form label run together with its value and the next label is split into cells; prose stays one paragraph', () => {
  const s = segment(doc('项目支出绩效自评表主管部门某县水务局实施单位某县水务服务中心项目资金(万元)\n主管部门为某县水务局，负责项目实施。'));
  assert.equal(s.lines[0]!.kind, 'row');
  assert.deepEqual(s.lines[0]!.cells, ['项目支出绩效自评表', '主管部门', '某县水务局', '实施单位', '某县水务服务中心', '项目资金(万元)']);
  assert.equal(s.lines[1]!.kind, 'text');
  assert.deepEqual(s.lines[1]!.cells, ['主管部门为某县水务局，负责项目实施。']);
});

test('a national project form whose cells a PDF-to-text step ran together names its department (主管部门)', async () => {
  const text = '附件:项目绩效自评表(2022年度)项目名称某某水库标尺安装项目负责人及电话张某主管部门某县水务局实施单位某县水务服务中心资金情况(万元)全年预算数(A)全年执行数(B)';
  const r = await importDocument(Buffer.from(text), 'form.txt');
  assert.ok(r.ok && r.evaluation);
  assert.equal(summarize(r.evaluation).department, '某县水务局');
});

/** A document of reader tables: each table a list of rows of cells; lines numbered in order. All text invented. */
const singleCellDoc = (format: SourceDocument['format'], ...tables: string[][][]): SourceDocument => {
  let line = 0;
  return { format, lines: tables.flatMap((rows, t) => rows.map((cells) => ({ cells, table: t, loc: { line: ++line } }))) };
};

test('a reader table whose every row is one cell is put back into rows (the text reader\'s rule); a normal table is left as read', () => {
  const flat = ['项目名称', '某某设备购置项目', '主管部门', '某县某某局', '项目资金（万元）', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分', '年度资金总额', '40.00', '50.00', '45.00', '10', '90.00%', '9'];
  const normal = [['主管部门', '某县某某局', '实施单位', '某县某某中心'], ['年初预算数'], ['年度资金总额', '40.00', '50.00']];
  for (const format of ['docx', 'html', 'xlsx', 'pdf'] as const) {
    const seg = segment(singleCellDoc(format, flat.map((c) => [c]), normal));
    assert.deepEqual(
      seg.tables.map((t) => t.rows.map((r) => r.cells)),
      [
        [
          ['项目名称', '某某设备购置项目'],
          ['主管部门', '某县某某局'],
          ['项目资金（万元）', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
          ['年度资金总额', '40.00', '50.00', '45.00', '10', '90.00%', '9'],
        ],
        normal,
      ],
      format,
    );
    // A rebuilt row is found again at its first line (the funds header at its first column word).
    assert.deepEqual(seg.tables[0]!.rows.map((r) => seg.lines[r.lines[0]!]!.loc.line), [1, 3, 6, 12], format);
  }
  // A table with more than one row in ten of several cells is a normal table with some merged rows: left as read.
  const mixed = [...flat.slice(0, 8).map((c) => [c]), ['年度资金总额', '40.00'], ['全年执行数', '45.00']];
  assert.deepEqual(segment(singleCellDoc('docx', mixed)).tables[0]!.rows.map((r) => r.cells), mixed);
});

test('a DOCX whose table has one cell per row (a web table converted line by line) imports like its text', async () => {
  const { Document, Packer, Paragraph, Table, TableCell, TableRow, WidthType } = await import('docx');
  const cells = [
    '项目支出绩效自评表（2023年度）', '项目名称', '某某设备购置项目', '主管部门', '某县某某局', '实施单位（盖章）', '某县某某中心',
    '项目资金（万元）', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分',
    '年度资金总额', '40.00', '50.00', '45.00', '10', '90.00%', '9',
    '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分',
    '产出指标', '数量指标', '购置设备台数', '≥10台', '12台', '50', '50',
    '效益指标', '社会效益指标', '服务群众满意度', '≥90%', '95%', '40', '', '',
  ];
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: cells.map((c) => new TableRow({ children: [new TableCell({ children: [new Paragraph(c)] })] })),
  });
  const bytes = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('某县某某局2023年度项目支出绩效自评'), table] }] }));
  const r = await importDocument(new Uint8Array(bytes), 'form.docx');
  assert.ok(r.ok && r.evaluation);
  const s = summarize(r.evaluation);
  assert.equal(s.department, '某县某某局');
  assert.deepEqual(s.budget, { initial: '40.00', adjusted: '50.00', actual: '45.00' });
  assert.deepEqual(
    s.indicators.map((i) => [i.level1, i.name, i.target, i.actual]),
    [
      ['产出指标', '购置设备台数', '≥10台', '12台'],
      ['效益指标', '服务群众满意度', '≥90%', '95%'],
    ],
  );
});

test('a table row the blank form left unfilled ("……", "指标2：") is a row of its own, not the rest of the cell above it', () => {
  const cells = [
    ['一级指标', '二级指标', '三级指标', '指标值', '完成值'],
    ['', '产出指标', '指标1：维修改造学校数量', '≥12所', '11所'],
    ['', '', '……', '', ''],
    ['', '', '指标2：', '', ''],
  ];
  const d: SourceDocument = { format: 'docx', lines: cells.map((c, i) => ({ cells: c, loc: { line: i + 1, table: '表1', row: i + 1 }, table: 0 })) };
  assert.deepEqual(segment(d).tables[0]!.rows.map((r) => r.cells[2]), ['三级指标', '指标1：维修改造学校数量', '……', '指标2：']);
});

test('a row left empty (its label and empty cells) stays in its table; a paragraph with one tab is not made a row', () => {
  const text = [
    '资金结构\t年初安排①\t年中调整②\t小计③=①+②',
    '财政资金小计\t100.00\t10.00\t110.00',
    '②市级财政资金\t\t\t',
    '①……\t\t\t',
    '合计\t120.00\t10.00\t130.00',
    '',
    '说明：以上为决算数。\t',
  ].join('\n');
  const seg = segment(doc(text));
  assert.equal(seg.tables.length, 1);
  assert.deepEqual(seg.tables[0]!.rows.map((r) => r.cells[0]), ['资金结构', '财政资金小计', '②市级财政资金', '①……', '合计']);
  assert.equal(seg.tableOfLine.has(6), false, 'a line with one tab after its text is a paragraph');
});
