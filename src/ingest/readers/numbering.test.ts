import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import type { ReadResult } from '../source.ts';
import { readDocumentXml, readDocx } from './docx.ts';
import { MAX_START, formatNumber, parseNumbering } from './numbering.ts';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const CONTENT_TYPES = `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const PACKAGE_RELS = `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/></Relationships>`;

const documentXml = (body: string): string => `${XML_HEAD}<w:document xmlns:w="${W}"><w:body>${body}<w:sectPr/></w:body></w:document>`;
const numberingXml = (content: string): string => `${XML_HEAD}<w:numbering xmlns:w="${W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml">${content}</w:numbering>`;
const stylesXml = (content: string): string => `${XML_HEAD}<w:styles xmlns:w="${W}">${content}</w:styles>`;

interface Parts {
  readonly numbering?: string;
  readonly styles?: string;
  /** Whether word/_rels/document.xml.rels names the parts (Word always writes it). */
  readonly rels?: boolean;
}

function docx(body: string, parts: Parts): Uint8Array {
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(CONTENT_TYPES),
    '_rels/.rels': strToU8(PACKAGE_RELS),
    'word/document.xml': strToU8(documentXml(body)),
  };
  const rels: string[] = [];
  if (parts.numbering !== undefined) {
    files['word/numbering.xml'] = strToU8(parts.numbering);
    rels.push(`<Relationship Id="rId2" Type="${REL}/numbering" Target="numbering.xml"/>`);
  }
  if (parts.styles !== undefined) {
    files['word/styles.xml'] = strToU8(parts.styles);
    rels.push(`<Relationship Id="rId1" Type="${REL}/styles" Target="styles.xml"/>`);
  }
  if (parts.rels !== false) files['word/_rels/document.xml.rels'] = strToU8(`${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`);
  return zipSync(files);
}

function texts(r: ReadResult): string[] {
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
  return r.document.lines.map((l) => l.cells.join(' | '));
}

const numPr = (numId: number, ilvl?: number): string => `<w:numPr>${ilvl === undefined ? '' : `<w:ilvl w:val="${ilvl}"/>`}<w:numId w:val="${numId}"/></w:numPr>`;
/** A paragraph; `pPr` is the content of its w:pPr. */
const para = (text: string, pPr = ''): string => `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}<w:r><w:t>${text}</w:t></w:r></w:p>`;
const item = (text: string, numId: number, ilvl = 0): string => para(text, numPr(numId, ilvl));

interface LevelSpec {
  readonly fmt: string;
  readonly text: string;
  readonly start?: number | string;
  readonly suff?: string;
  readonly restart?: number;
  readonly legal?: boolean;
  readonly style?: string;
  /** Raw XML in place of w:numFmt. */
  readonly rawFmt?: string;
}

const lvl = (i: number, s: LevelSpec): string =>
  `<w:lvl w:ilvl="${i}">` +
  (s.start === undefined ? '<w:start w:val="1"/>' : s.start === '' ? '' : `<w:start w:val="${s.start}"/>`) +
  (s.rawFmt ?? `<w:numFmt w:val="${s.fmt}"/>`) +
  (s.restart === undefined ? '' : `<w:lvlRestart w:val="${s.restart}"/>`) +
  (s.style ? `<w:pStyle w:val="${s.style}"/>` : '') +
  (s.legal ? '<w:isLgl/>' : '') +
  (s.suff ? `<w:suff w:val="${s.suff}"/>` : '') +
  `<w:lvlText w:val="${s.text}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="420" w:hanging="420"/></w:pPr></w:lvl>`;
const abstractNum = (id: number, levels: readonly LevelSpec[], extra = ''): string => `<w:abstractNum w:abstractNumId="${id}"><w:multiLevelType w:val="multilevel"/>${extra}${levels.map((s, i) => lvl(i, s)).join('')}</w:abstractNum>`;
const num = (numId: number, abstractId: number, overrides = ''): string => `<w:num w:numId="${numId}"><w:abstractNumId w:val="${abstractId}"/>${overrides}</w:num>`;
const startOverride = (ilvl: number, start: number): string => `<w:lvlOverride w:ilvl="${ilvl}"><w:startOverride w:val="${start}"/></w:lvlOverride>`;

/** The usual Chinese government outline: 一、 / （一） / 1. / （1） / ①. */
const OUTLINE: readonly LevelSpec[] = [
  { fmt: 'chineseCounting', text: '%1、' },
  { fmt: 'chineseCounting', text: '（%2）' },
  { fmt: 'decimal', text: '%3.' },
  { fmt: 'decimal', text: '(%4)' },
  { fmt: 'decimalEnclosedCircle', text: '%5', suff: 'nothing' },
];

test('a multilevel Chinese outline: counters per level, deeper levels restart, tables count too', () => {
  const numbering = numberingXml(abstractNum(0, OUTLINE) + num(1, 0));
  const body = [
    item('部门基本情况', 1, 0),
    item('部门职能', 1, 1),
    item('年度总体工作', 1, 1),
    item('负责应急管理工作', 1, 2),
    item('负责安全生产工作', 1, 2),
    item('预算编制', 1, 3),
    item('细化到项目', 1, 4),
    item('人员情况', 1, 1),
    para('正文不编号。'),
    item('绩效目标完成情况', 1, 0),
    item('产出指标', 1, 1),
    `<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:tr><w:tc>${item('数量指标', 1, 2)}</w:tc><w:tc>${item('质量指标', 1, 2)}${item('时效指标', 1, 2)}</w:tc></w:tr></w:tbl>`,
    item('效益指标', 1, 1),
    item('存在的问题', 1, 0),
  ].join('');
  assert.deepEqual(texts(readDocx(docx(body, { numbering }))), [
    '一、部门基本情况',
    '（一）部门职能',
    '（二）年度总体工作',
    '1.负责应急管理工作',
    '2.负责安全生产工作',
    '(1)预算编制',
    '①细化到项目',
    '（三）人员情况',
    '正文不编号。',
    '二、绩效目标完成情况',
    '（一）产出指标',
    '1.数量指标 | 2.质量指标\n3.时效指标',
    '（二）效益指标',
    '三、存在的问题',
  ]);
});

test('the brief example: levels 0,1,1,2,2,1,0', () => {
  const numbering = numberingXml(abstractNum(3, OUTLINE.slice(0, 3)) + num(7, 3));
  const body = [0, 1, 1, 2, 2, 1, 0].map((l) => item('标题', 7, l)).join('');
  const got = texts(readDocx(docx(body, { numbering }))).map((t) => t.replace('标题', ''));
  assert.deepEqual(got, ['一、', '（一）', '（二）', '1.', '2.', '（三）', '二、']);
});

test('numbering inherited from heading styles, along basedOn chains, and turned off by numId 0', () => {
  const numbering = numberingXml(abstractNum(0, [{ ...OUTLINE[0]!, style: 'Heading1' }, { ...OUTLINE[1]!, style: 'Heading2' }, OUTLINE[2]!]) + num(1, 0));
  const styles = stylesXml(
    [
      '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>',
      // Heading1 names only the list: its level is the one whose w:pStyle is Heading1.
      `<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr>${numPr(1)}</w:pPr></w:style>`,
      `<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:pPr>${numPr(1, 1)}</w:pPr></w:style>`,
      // A style based on Heading2 inherits its numbering.
      '<w:style w:type="paragraph" w:styleId="MyHeading2"><w:basedOn w:val="Heading2"/></w:style>',
      // Cyclic basedOn: no numbering, no hang.
      '<w:style w:type="paragraph" w:styleId="LoopA"><w:basedOn w:val="LoopB"/></w:style>',
      '<w:style w:type="paragraph" w:styleId="LoopB"><w:basedOn w:val="LoopA"/></w:style>',
      `<w:style w:type="character" w:styleId="Heading1Char"><w:pPr>${numPr(1, 2)}</w:pPr></w:style>`,
    ].join(''),
  );
  const pStyle = (id: string): string => `<w:pStyle w:val="${id}"/>`;
  const body = [
    para('部门基本情况', pStyle('Heading1')),
    para('部门职能', pStyle('Heading2')),
    para('机构设置', pStyle('MyHeading2')),
    para('正文', pStyle('Normal')),
    para('循环样式', pStyle('LoopA')),
    para('不存在的样式', pStyle('Nope')),
    para('直接取消编号', pStyle('Heading2') + numPr(0)),
    para('直接改级别', pStyle('Heading1') + '<w:numPr><w:ilvl w:val="2"/></w:numPr>'),
    para('绩效目标', pStyle('Heading1')),
    para('产出', pStyle('Heading2')),
  ].join('');
  assert.deepEqual(texts(readDocx(docx(body, { numbering, styles }))), [
    '一、部门基本情况',
    '（一）部门职能',
    '（二）机构设置',
    '正文',
    '循环样式',
    '不存在的样式',
    '直接取消编号',
    '1.直接改级别',
    '二、绩效目标',
    '（一）产出',
  ]);
});

test('w:num instances share their abstract list; a startOverride restarts it', () => {
  const numbering = numberingXml(abstractNum(0, [{ fmt: 'decimal', text: '%1.' }]) + num(1, 0) + num(2, 0, startOverride(0, 1)) + num(3, 0) + num(4, 0, startOverride(0, 5)));
  const body = [item('甲', 1), item('乙', 1), item('重新编号', 2), item('丙', 2), item('续编', 3), item('接着原列表', 1), item('从五开始', 4), item('再用第二个实例', 2)].join('');
  assert.deepEqual(texts(readDocx(docx(body, { numbering }))), ['1.甲', '2.乙', '1.重新编号', '2.丙', '3.续编', '4.接着原列表', '5.从五开始', '6.再用第二个实例']);
});

test('separate abstract lists count separately', () => {
  const numbering = numberingXml(abstractNum(0, [{ fmt: 'decimal', text: '%1.' }]) + abstractNum(1, [{ fmt: 'chineseCounting', text: '%1、' }]) + num(1, 0) + num(2, 1));
  const body = [item('a', 1), item('b', 2), item('c', 1), item('d', 2)].join('');
  assert.deepEqual(texts(readDocx(docx(body, { numbering }))), ['1.a', '一、b', '2.c', '二、d']);
});

test('bullets carry no label, unless the bullet text is itself a section marker', () => {
  const numbering = numberingXml(
    abstractNum(0, [{ fmt: 'bullet', text: '\uF0B7' }, { fmt: 'bullet', text: '•' }, { fmt: 'bullet', text: '■' }]) + abstractNum(1, [{ fmt: 'bullet', text: '（一）' }]) + num(1, 0) + num(2, 1),
  );
  const body = [item('第一点', 1, 0), item('第二点', 1, 1), item('第三点', 1, 2), item('伪装的标题', 2)].join('');
  assert.deepEqual(texts(readDocx(docx(body, { numbering }))), ['第一点', '第二点', '第三点', '（一）伪装的标题']);
});

test('label separators: CJK punctuation joins, a trailing digit or ideograph gets a space, suff="nothing" never', () => {
  // %1 is shown in level 0's own format (chineseCounting), as Word shows it: "一.1".
  const numbering = numberingXml(
    abstractNum(0, [
      { fmt: 'chineseCounting', text: '第%1章' },
      { fmt: 'decimal', text: '%1.%2' },
      { fmt: 'decimal', text: '%1.%2.%3', suff: 'space' },
      { fmt: 'decimal', text: '%4', suff: 'nothing' },
      { fmt: 'upperLetter', text: '%5)' },
    ]) + num(1, 0),
  );
  const body = [item('总则', 1, 0), item('目的', 1, 1), item('范围', 1, 2), item('紧贴', 1, 3), item('字母', 1, 4), '<w:p><w:pPr>' + numPr(1, 1) + '</w:pPr></w:p>'].join('');
  assert.deepEqual(texts(readDocx(docx(body, { numbering }))), ['第一章 总则', '一.1 目的', '一.1.1 范围', '1紧贴', 'A)字母', '一.2']);
});

test('lvlRestart, isLgl, start values and level overrides', () => {
  const numbering = numberingXml(
    abstractNum(0, [
      { fmt: 'chineseCounting', text: '%1、' },
      { fmt: 'chineseCounting', text: '（%2）' },
      // Level 2 never restarts; level 3 restarts only after level 0.
      { fmt: 'decimal', text: '%3.', restart: 0 },
      { fmt: 'lowerLetter', text: '%4)', restart: 1 },
      // Legal numbering shows every counter in Arabic digits.
      { fmt: 'decimal', text: '%1.%2.%5', legal: true },
    ]) +
      abstractNum(1, [{ fmt: 'decimal', text: '%1.', start: 99999999 }, { fmt: 'decimal', text: '%2.', start: '' }, { fmt: 'upperRoman', text: '%3.', start: -4 }]) +
      num(1, 0) +
      num(2, 1) +
      // A full level override replaces the level's definition for this instance.
      num(3, 0, '<w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl></w:lvlOverride>'),
  );
  const body = [
    item('a', 1, 0),
    item('b', 1, 2),
    item('c', 1, 3),
    item('d', 1, 1),
    item('e', 1, 2),
    item('f', 1, 3),
    item('g', 1, 4),
    item('h', 1, 0),
    item('i', 1, 3),
    item('j', 2, 0),
    item('k', 2, 1),
    item('l', 2, 2),
    item('m', 3, 0),
  ].join('');
  assert.deepEqual(texts(readDocx(docx(body, { numbering }))), [
    '一、a',
    '1.b',
    'a)c',
    '（一）d',
    '2.e',
    'b)f',
    '1.1.1 g',
    '二、h',
    'a)i',
    `${MAX_START}.j`,
    '0.k',
    '0.l',
    'III.m',
  ]);
});

test('malformed numbering: garbage, missing parts and ids never throw and give no labels', () => {
  const body = [item('部门基本情况', 1), item('无此编号', 42), para('无效级别', numPr(1, 9)), para('负数级别', numPr(1, -1)), item('无此抽象列表', 2), para('非数字', '<w:numPr><w:numId w:val="x"/></w:numPr>')].join('');
  const plain = ['部门基本情况', '无此编号', '无效级别', '负数级别', '无此抽象列表', '非数字'];
  assert.deepEqual(texts(readDocx(docx(body, { numbering: '这不是XML <w:numbering' }))), plain);
  assert.deepEqual(texts(readDocx(docx(body, { numbering: numberingXml(abstractNum(0, OUTLINE)) + '<junk' }))), plain);
  assert.deepEqual(texts(readDocx(docx(body, { numbering: numberingXml('') }))), plain);
  assert.deepEqual(texts(readDocx(docx(body, { numbering: '' }))), plain);
  assert.deepEqual(texts(readDocx(docx(body, {}))), plain);
  // The relationships name no numbering part: it is not read even if present.
  const unrelated = zipSync({ '[Content_Types].xml': strToU8(CONTENT_TYPES), '_rels/.rels': strToU8(PACKAGE_RELS), 'word/document.xml': strToU8(documentXml(body)), 'word/numbering.xml': strToU8(numberingXml(abstractNum(0, OUTLINE) + num(1, 0))), 'word/_rels/document.xml.rels': strToU8('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>') });
  assert.deepEqual(texts(readDocx(unrelated)), plain);
  // Without document relationships at all, the usual part name is used.
  const good = numberingXml(abstractNum(0, OUTLINE) + num(1, 0) + num(2, 9));
  assert.deepEqual(texts(readDocx(docx(body, { numbering: good, rels: false }))), ['一、部门基本情况', ...plain.slice(1)]);
  // Broken styles: direct numbering still works, style numbering is dropped.
  const styles = stylesXml(`<w:style w:styleId="H"><w:pPr>${numPr(1)}</w:pPr></w:style>`).replace('</w:styles>', '');
  assert.deepEqual(texts(readDocx(docx(item('直接', 1) + para('样式', '<w:pStyle w:val="H"/>'), { numbering: good, styles }))), ['一、直接', '样式']);
  // A list linked to a numbering style that does not resolve, and one that links to itself.
  const linked = numberingXml(abstractNum(0, [], '<w:numStyleLink w:val="Missing"/>') + abstractNum(1, [], '<w:numStyleLink w:val="Self"/>') + num(1, 0) + num(2, 1));
  const selfStyle = stylesXml(`<w:style w:type="numbering" w:styleId="Self"><w:pPr>${numPr(2)}</w:pPr></w:style>`);
  assert.deepEqual(texts(readDocx(docx(item('a', 1) + item('b', 2), { numbering: linked, styles: selfStyle }))), ['a', 'b']);
});

test('a list that follows a numbering style (w:numStyleLink) uses that style\'s levels and counters', () => {
  const numbering = numberingXml(abstractNum(0, [], '<w:numStyleLink w:val="CnOutline"/>') + abstractNum(1, OUTLINE, '<w:styleLink w:val="CnOutline"/>') + num(1, 1) + num(2, 0));
  const styles = stylesXml(`<w:style w:type="numbering" w:styleId="CnOutline"><w:pPr>${numPr(1)}</w:pPr></w:style>`);
  assert.deepEqual(texts(readDocx(docx(item('一', 1) + item('二', 2) + item('子', 2, 1), { numbering, styles }))), ['一、一', '二、二', '（一）子']);
});

test('number formats in mc:AlternateContent and custom zero-padded formats', () => {
  const alt = '<mc:AlternateContent><mc:Choice Requires="w14"><w:numFmt w:val="custom" w:format="001, 002, 003, ..."/></mc:Choice><mc:Fallback><w:numFmt w:val="decimal"/></mc:Fallback></mc:AlternateContent>';
  const unknownChoice = '<mc:AlternateContent><mc:Choice Requires="w14"><w:numFmt w:val="custom" w:format="Ａ, Ｂ, ..."/></mc:Choice><mc:Fallback><w:numFmt w:val="upperLetter"/></mc:Fallback></mc:AlternateContent>';
  const numbering = numberingXml(abstractNum(0, [{ fmt: '', text: '%1.', rawFmt: alt }, { fmt: '', text: '%2.', rawFmt: unknownChoice }, { fmt: '', text: '%3.', rawFmt: '' }]) + num(1, 0));
  assert.deepEqual(texts(readDocx(docx(item('x', 1, 0) + item('y', 1, 1) + item('z', 1, 2), { numbering }))), ['001.x', 'A.y', '1.z']);
});

test('formatNumber: the formats Chinese documents use, and the rest', () => {
  const cn = (n: number): string => formatNumber(n, 'chineseCounting');
  assert.deepEqual([1, 2, 9, 10, 11, 19, 20, 21, 35, 99].map(cn), ['一', '二', '九', '十', '十一', '十九', '二十', '二十一', '三十五', '九十九']);
  assert.deepEqual([100, 101, 110, 111, 1000, 1001, 1010, 10000, 10010, 12345, 0].map(cn), ['一百', '一百零一', '一百一十', '一百一十一', '一千', '一千零一', '一千零一十', '一万', '一万零一十', '一万二千三百四十五', '〇']);
  assert.equal(formatNumber(10, 'chineseCountingThousand'), '十');
  assert.equal(formatNumber(12, 'taiwaneseCounting'), '十二');
  assert.deepEqual([1, 10, 11, 101, 2000].map((n) => formatNumber(n, 'japaneseCounting')), ['一', '十', '十一', '百一', '二千']);
  assert.deepEqual([1, 10, 12, 305].map((n) => formatNumber(n, 'chineseLegalSimplified')), ['壹', '壹拾', '壹拾贰', '叁佰零伍']);
  assert.equal(formatNumber(12, 'ideographLegalTraditional'), '壹拾貳');
  assert.deepEqual([1, 3, 10, 11].map((n) => formatNumber(n, 'ideographTraditional')), ['甲', '丙', '癸', '11']);
  assert.deepEqual([1, 12].map((n) => formatNumber(n, 'ideographZodiac')), ['子', '亥']);
  assert.equal(formatNumber(105, 'ideographDigital'), '一〇五');
  assert.deepEqual([1, 10, 20, 21].map((n) => formatNumber(n, 'decimalEnclosedCircle')), ['①', '⑩', '⑳', '21']);
  assert.equal(formatNumber(3, 'decimalEnclosedCircleChinese'), '③');
  assert.equal(formatNumber(3, 'decimalEnclosedParen'), '⑶');
  assert.equal(formatNumber(3, 'decimalEnclosedFullstop'), '⒊');
  assert.equal(formatNumber(2, 'ideographEnclosedCircle'), '㊁');
  assert.equal(formatNumber(12, 'decimalFullWidth'), '１２');
  assert.deepEqual([1, 26, 27, 28, 53].map((n) => formatNumber(n, 'upperLetter')), ['A', 'Z', 'AA', 'BB', 'AAA']);
  assert.equal(formatNumber(3, 'lowerLetter'), 'c');
  assert.deepEqual([1, 4, 9, 14, 40, 90, 400, 1994, 3999, 4000].map((n) => formatNumber(n, 'upperRoman')), ['I', 'IV', 'IX', 'XIV', 'XL', 'XC', 'CD', 'MCMXCIV', 'MMMCMXCIX', '4000']);
  assert.equal(formatNumber(14, 'lowerRoman'), 'xiv');
  assert.deepEqual([3, 12].map((n) => formatNumber(n, 'decimalZero')), ['03', '12']);
  assert.deepEqual([1, 2, 3, 4, 11, 12, 13, 21, 22, 101].map((n) => formatNumber(n, 'ordinal')), ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '101st']);
  assert.equal(formatNumber(7, 'decimal'), '7');
  assert.equal(formatNumber(7, 'decimal', 3), '007');
  assert.equal(formatNumber(7, 'someFutureFormat'), '7');
  assert.equal(formatNumber(7, 'bullet'), '');
  assert.equal(formatNumber(7, 'none'), '');
  assert.equal(formatNumber(200_000_000, 'chineseCounting'), '200000000');
});

test('readDocumentXml takes parsed numbering definitions', () => {
  const defs = parseNumbering(numberingXml(abstractNum(0, OUTLINE) + num(1, 0)));
  assert.ok(defs);
  const xml = documentXml(item('甲', 1) + item('乙', 1, 1));
  const r = readDocumentXml(xml, 'word/document.xml', undefined, defs);
  assert.deepEqual(texts(r), ['一、甲', '（一）乙']);
  // Each read starts its counters afresh.
  assert.deepEqual(texts(readDocumentXml(xml, 'word/document.xml', undefined, defs)), ['一、甲', '（一）乙']);
  assert.equal(parseNumbering('<w:numbering'), undefined);
});

test('a DOCX written by LibreOffice: heading styles with outline numbering, lists, list items in table cells', () => {
  // testdata/libreoffice-numbering.fodt converted with `soffice --headless --convert-to docx`; LibreOffice reads
  // its own output back (`--convert-to txt`) with exactly these labels.
  const bytes = readFileSync(new URL('./testdata/libreoffice-numbering.docx', import.meta.url));
  assert.deepEqual(texts(readDocx(bytes)), [
    '2023年度部门整体支出绩效自评报告',
    '一、部门基本情况',
    '（一）部门职能',
    '1.负责应急管理工作',
    '①具体事项甲',
    '②具体事项乙',
    '2.负责安全生产监督',
    '（二）年度总体工作',
    '二、绩效目标完成情况',
    '指标 | 完成情况',
    '3.数量指标 | 全部完成',
    '4.质量指标 | 达标',
    '三、存在的问题',
    '1.重新编号的列表',
    '2.第二项',
  ]);
});

test('fuzz: damaged numbering.xml and styles.xml never throw', () => {
  const numbering = numberingXml(abstractNum(0, OUTLINE, '<w:numStyleLink w:val="S"/>') + abstractNum(1, OUTLINE) + num(1, 0) + num(2, 1, startOverride(1, 3)));
  const styles = stylesXml(`<w:style w:type="paragraph" w:styleId="H"><w:basedOn w:val="H"/><w:pPr>${numPr(2, 1)}</w:pPr></w:style><w:style w:type="numbering" w:styleId="S"><w:pPr>${numPr(2)}</w:pPr></w:style>`);
  const body = [item('a', 1, 0), item('b', 2, 1), para('c', '<w:pStyle w:val="H"/>'), item('d', 2, 4), item('e', 1, 3)].join('');
  const xml = documentXml(body);
  const check = (n: string, s: string): boolean => {
    const defs = parseNumbering(n, s);
    const r = readDocumentXml(xml, 'word/document.xml', undefined, defs);
    return r.ok && r.document.lines.length === 5 && r.document.lines.every((l) => (l.cells[0] ?? '').length < 200);
  };
  assert.ok(check(numbering, styles));
  fc.assert(
    fc.property(fc.nat(numbering.length), fc.nat(styles.length), (a, b) => check(numbering.slice(0, a), styles.slice(0, b))),
    { numRuns: 500 },
  );
  // Attribute values swapped for random strings (huge numbers, negatives, text).
  const values = fc.oneof(fc.constantFrom('0', '-1', '9', '99999999999', '1e9', '', 'bullet', 'none', '%1%2%3%4%5%6%7%8%9', 'x'), fc.string({ maxLength: 8 }));
  fc.assert(
    fc.property(fc.array(values, { minLength: 1, maxLength: 40 }), (vals) => {
      let k = 0;
      const mutate = (text: string): string => text.replace(/w:val="[^"]*"/g, (m) => (k++ % 3 === 0 ? `w:val="${(vals[k % vals.length] ?? '').replace(/["<&]/g, '')}"` : m));
      return check(mutate(numbering), mutate(styles));
    }),
    { numRuns: 500 },
  );
});
