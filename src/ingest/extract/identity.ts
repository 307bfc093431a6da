/**
 * Identity: department, region and evaluation year. The department is read only where a document states it —
 * a labelled cell (部门名称, 主管部门 …), the title lines, the opening sentence ("现将2022年某县某局…报告如下"), a
 * web page's 来源 line as a last resort — never guessed from mentions in the running text. The year is read from a
 * label or a title; failing both it is inferred from the opening of the document (the year of the budget being
 * evaluated, never a date such as a report's or a page's) and the extraction report says so and from where.
 */
import type { Source } from '../../core/model/money.ts';
import { compactLabel } from '../../core/text/normalize.ts';
import type { Line } from '../segment.ts';
import { type ExtractContext, getPath, put, sourceAt } from './context.ts';

/** Places that prefix a government department's name: 某某市某某区、某某县、某某镇. */
const PLACE = '(?:[\\u4e00-\\u9fa5]{1,9}?(?:省|自治区|特别行政区|市|地区|自治州|盟|州|县|自治县|区|旗|镇|乡|街道))';
/** What a department's name ends with. */
const ORG_END = '(?:委员会|办公室|管理局|局|委|办|中心|研究院|院|厅|署|大队|支队|总队|队|站|馆|所|会|处|集团|公司|部(?!门))';
const ORG_RE = new RegExp(`(${PLACE}+)([\\u4e00-\\u9fa5（）()]{2,24}?${ORG_END})(?![\\u4e00-\\u9fa5]{0,2}(?:局|委|办|中心|院|所))`);
/** Pronoun-like starts that make "我区交通运输局" a mention, not a name. */
const NOT_A_PLACE_START = /^(?:我|本|全|该|各|市|区|县|镇|乡|省|对|在|由|与|和|及|为|经|按)/;

export function findDepartmentName(text: string): { name: string; region: string; start: number } | undefined {
  const m = ORG_RE.exec(text);
  if (!m) return undefined;
  // "2023年度某市人社局…": the year's 年度 is not the place's.
  const year = /^年度?/.exec(m[1]!)?.[0].length ?? 0;
  const region = m[1]!.slice(year);
  if (NOT_A_PLACE_START.test(region) || region.length < 2) return undefined;
  return { name: `${region}${m[2]!}`, region, start: m.index + year };
}

/**
 * A whole text that is an organisation's name: it ends in an organisation word (局, 委员会, 中心, 人民政府, 学校 …),
 * optionally followed by the budget system's 本级 / 部门 / 机关 ("某县司法局部门", "某县发展和改革局本级"), and it
 * keeps no label word. What a label's value or a title's head must be to be taken as the department.
 */
const ORG_WORD =
  '(?:委员会|办公室|管理局|管理处|管理所|人民政府|政府|办事处|政协|局|委|办|中心|研究院|院|厅|署|大队|支队|总队|队|站|馆|所|会|处|室|集团|公司|社|台|学校|中学|小学|大学|幼儿园|部)';
const ORG_NAME = new RegExp(`^[\\u4e00-\\u9fa5()]{1,40}?${ORG_WORD}(?:本级|部门|机关|本部)?$`);
const NOT_A_NAME_START = /^(?:我|本|该|全|各|对|在|由|根据|关于|为|经|按|现将|其中)/;

/** Label words that follow a value on a form's line: a value is cut where the next label starts. */
const NEXT_LABEL =
  /项目实施单位|实施单位|实施|项目单位|主管部门|主管单位|预算编码|预算代码|单位编码|单位代码|编码|报告日期|填报日期|填报人|填表人|联系人|联系电话|电话|项目负责人|负责人|自评得分|自评总分|总分|财政处室|项目名称|评价方式|评价机构|评价类型|年初预算|全年预算|调整预算|预算数|项目资金|资金情况|资金投入|项目属性|项目类别|项目类型|主要领导|签字|签章|盖章|公章|日期|人员编制|被评价年度|评价年度|所属年度|部门名称|单位名称|名称|地址/;

/** An organisation word alone ("办公室", "委员会") is a part of some body, not a department's name. */
const ORG_WORD_ALONE = new RegExp(`^${ORG_WORD}$`);

function isOrgName(name: string): boolean {
  return name.length >= 3 && ORG_NAME.test(name) && !ORG_WORD_ALONE.test(name) && !NOT_A_NAME_START.test(name) && !NEXT_LABEL.test(name);
}

/** "（公章）" and full-width brackets as the normaliser may leave them, folded for matching. */
function foldBrackets(s: string): string {
  if (!s.includes('（') && !s.includes('）') && !s.includes('：')) return s;
  return s.replace(/（/g, '(').replace(/）/g, ')').replace(/：/g, ':');
}

/**
 * The department a label's value names, or undefined: a budget code before it ("219-", "305001-") is dropped, the
 * value is cut where the next label or a figure starts ("某市某区某局预算编码300001" → "某市某区某局"), and what
 * is left must be an organisation's name — its first word when spaces part it from what follows, or the whole.
 */
export function nameFromValue(raw: string): { name: string; region?: string } | undefined {
  let v = foldBrackets(raw)
    .replace(/^[\s:|]+/, '')
    .replace(/^\((?:盖章|公章|汇总)\)\s*:?\s*/, '')
    .replace(/^\d{2,}\s*[-—_]?\s*/, '');
  const stop = /[,，。;；:、|[\]【】《》!！?？]|\d/.exec(v);
  if (stop) v = v.slice(0, stop.index);
  const label = NEXT_LABEL.exec(v);
  if (label) v = v.slice(0, label.index);
  v = v.trim();
  if (!v) return undefined;
  const first = v.split(/\s+/)[0]!;
  const whole = v.replace(/\s+/g, '');
  for (const candidate of first === whole ? [whole] : [first, whole]) {
    if (isOrgName(candidate)) return withRegion(candidate);
  }
  const org = findDepartmentName(whole);
  if (org && org.start === 0 && isOrgName(org.name)) return { name: org.name, region: org.region };
  return undefined;
}

/** The name with its region, when the place words that start it can be told (findDepartmentName reads it whole). */
function withRegion(name: string): { name: string; region?: string } {
  const org = findDepartmentName(name);
  return org && org.start === 0 && org.name === name ? { name, region: org.region } : { name };
}

// ── labels ───────────────────────────────────────────────────────────────────────────────────────────────────

/** Labels naming the unit a department-wide document evaluates. 部门 / 单位 alone count only before a colon. */
const NAME_LABEL =
  /^(?:(?:部门|单位)(?:\(单位\))?名称|预算单位(?:名称)?|评价单位|被评价(?:部门|单位)|填报单位|报送单位|编报单位|自评单位|资金使用单位)(?:\((?:汇总|公章|盖章)\))?$/;
const NAME_LABEL_WITH_COLON = /^(?:部门|单位)$/;
/** 主管部门: the department of a project's form; of a department-wide form that prints no 部门名称. */
const SUPERVISOR_LABEL = /^(?:项目)?主管(?:部门|单位)(?:名称)?(?:\((?:公章|盖章)\))?$/;
/** The unit carrying out a project: the department of a project's form only when it prints no 主管部门. */
const IMPLEMENTER_LABEL = /^(?:项目)?(?:实施|执行)单位(?:名称)?(?:\((?:公章|盖章)\))?$|^项目单位(?:\((?:公章|盖章)\))?$/;
const YEAR_LABEL = /^(?:被?评价年度|年度|所属年度|评价期间)$/;
/** The same labels inside running text (a form flattened onto one line, cells run together by OCR). */
const LABEL_IN_TEXT = new RegExp(
  [
    '(?<name>(?:部门|单位)[（(]单位[）)]名称|部门名称|单位名称|预算单位名称|被评价(?:部门|单位)|填报单位|报送单位|编报单位|自评单位|资金使用单位)',
    '(?<supervisor>(?<![中央地方省级])(?:项目)?主管(?:部门|单位))',
    '(?<implementer>(?:项目)?实施单位|项目单位)',
  ].join('|'),
  'g',
);

type LabelKind = 'name' | 'supervisor' | 'implementer';

interface Named {
  readonly kind: LabelKind;
  readonly name: string;
  readonly region?: string;
  readonly source: Source;
}

/** Longer than any label the four patterns below accept ("部门(单位)名称(公章)" has 12 characters). */
const LONGEST_LABEL = 24;

/** Every label of the patterns below holds one of these (名称, 单位, 部门, 年度, 期间); compacting keeps them. */
const LABEL_CHAR = /[称位门度间]/;

/** More than LONGEST_LABEL characters that compacting a label keeps (neither whitespace nor a colon). */
const LONGER_THAN_LABEL = /^[\s:：]*(?:[^\s:：][\s:：]*){25}/;

function labelKind(label: string): LabelKind | 'year' | undefined {
  if (label.length > LONGEST_LABEL) return undefined;
  const l = foldBrackets(label);
  if (NAME_LABEL.test(l)) return 'name';
  if (SUPERVISOR_LABEL.test(l)) return 'supervisor';
  if (IMPLEMENTER_LABEL.test(l)) return 'implementer';
  if (YEAR_LABEL.test(l)) return 'year';
  return undefined;
}

/**
 * A line's cells, with `|` taken as a cell border where a text export kept the table's rules ("主管部门 | 某县某局 |
 * 实施单位 | …"); `split` says the columns are not the document's own.
 */
function cellsOf(line: Line): { cells: string[]; split: boolean } {
  if (line.kind === 'blank') return { cells: [], split: false };
  if (!line.cells.some((c) => c.includes('|'))) return { cells: line.cells as string[], split: false };
  return { cells: line.cells.flatMap((c) => c.split('|').map((s) => s.trim())), split: true };
}

function yearIn(text: string): number | undefined {
  const m = /(?<!\d)((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)/.exec(text) ?? /^\s*((?:19|20)\d{2})\s*$/.exec(text);
  const y = m ? Number(m[1]) : Number.NaN;
  return y >= 1990 && y <= 2100 ? y : undefined;
}

/** "部门名称：X" in one cell: the label before the colon, the value after it. */
const LABEL_COLON = /^(.{1,16}?)[:：]\s*(.*)$/;

/** How far down labels inside running text, the opening sentence and the web page's lines are looked for. */
const OPENING_LINES = 60;
const OPENING_CHARS = 4000;

/**
 * Every labelled department in the document, in reading order: a label cell and the next filled cell (on the same
 * line, or alone on the next line where a web table was flattened one cell per line), "部门名称（公章）：X", and —
 * near the top — a label inside running text ("部门(单位)名称某市某区某局预算编码…", "主管部门 219-某镇人民政府 实施单位 …").
 * Year labels are read on the way.
 */
function labelled(ctx: ExtractContext): Named[] {
  const { lines } = ctx.seg;
  const out: Named[] = [];
  let chars = 0;
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li]!;
    const { cells, split } = cellsOf(line);
    if (cells.length === 0) continue;
    const nearTop = li < OPENING_LINES && chars < OPENING_CHARS;
    if (nearTop) for (const c of cells) chars += c.length;
    // Per column, the next filled cell right of it: made once per line that has a label (a line of thousands of
    // cells is not searched again from each).
    let nextFilled: number[] | undefined;
    let inCells = false;
    cells.forEach((cell, col) => {
      if (cell === '') return;
      const colon = cell.includes(':') || cell.includes('：') ? LABEL_COLON.exec(cell) : null;
      // A cell of more non-space characters than any label has is no label (most cells of a report are prose).
      if (!colon && cell.length > LONGEST_LABEL && LONGER_THAN_LABEL.test(cell)) return;
      // Nor is one without a character every label has (名称, 单位, 部门, 年度, 期间): most short cells are figures.
      if (!LABEL_CHAR.test(colon ? colon[1]! : cell)) return;
      const label = compactLabel(colon ? colon[1]! : cell);
      let kind = labelKind(label);
      if (!kind && colon && NAME_LABEL_WITH_COLON.test(label)) kind = 'name';
      if (!kind) return;
      inCells = true;
      nextFilled ??= filledAfter(cells);
      const at = colon && colon[2]!.trim() ? { line: li, col, text: colon[2]! } : valueAfter(ctx, li, cells, col, nextFilled[col]!);
      if (!at) return;
      const src = sourceAt(ctx, at.line, split || at.line !== li ? undefined : at.col, `${cell}${colon ? '' : ` ${at.text}`}`);
      if (kind === 'year') {
        const y = yearIn(at.text);
        if (y) put(ctx, 'year', y, String(y), src);
        return;
      }
      const named = nameFromValue(at.text);
      if (named) out.push({ kind, ...named, source: src });
    });
    if (inCells || !nearTop) continue;
    for (const cell of cells) {
      if (cell.length < 6) continue;
      for (const m of cell.matchAll(LABEL_IN_TEXT)) {
        const kind: LabelKind = m.groups!['name'] ? 'name' : m.groups!['supervisor'] ? 'supervisor' : 'implementer';
        const end = m.index + m[0].length;
        const named = nameFromValue(cell.slice(end, end + 60));
        if (named) out.push({ kind, ...named, source: sourceAt(ctx, li, undefined, cell.slice(m.index, end + 40)) });
      }
    }
  }
  return out;
}

/** For each column, the index of the first non-empty cell right of it, or -1. */
function filledAfter(cells: readonly string[]): number[] {
  const out = new Array<number>(cells.length);
  let next = -1;
  for (let col = cells.length - 1; col >= 0; col--) {
    out[col] = next;
    if (cells[col] !== '') next = col;
  }
  return out;
}

/**
 * The value of the label at `cells[col]`: the next filled cell on its line (`next`, -1 if none); when the label is
 * alone on its line, the first cell of the next line that has text (a table flattened one cell per line).
 */
function valueAfter(ctx: ExtractContext, li: number, cells: readonly string[], col: number, next: number): { line: number; col: number; text: string } | undefined {
  if (next > col) return { line: li, col: next, text: cells[next]! };
  if (cells.some((c, i) => i !== col && c !== '')) return undefined;
  const { lines } = ctx.seg;
  for (let k = li + 1; k < lines.length && k <= li + 3; k++) {
    const below = cellsOf(lines[k]!).cells.filter((c) => c !== '');
    if (below.length === 0) continue;
    return { line: k, col: 0, text: below[0]! };
  }
  return undefined;
}

// ── titles ───────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * A web page's own lines above a published document: 索引号, 发布机构, 发布日期, 文号, 时效性, 来源, 当前位置,
 * "字号 大 中 小", "打印 关闭" … — none is the document's title, and their dates are the page's, not the budget's.
 */
const CHROME_ANYWHERE =
  /索引号|发布机构|发布日期|发布时间|成文日期|发文字号|时效性|主题分类|体裁分类|浏览量|浏览次数|阅读次数|点击率|点击数|当前位置|现在的位置|您的位置|上传时间|更新时间|【字体|字号[:：]?\s*[大中小]|首页\s*[>＞»]/;
/** Labels that are the page's only at the start of a line or after a space ("来源:某县某局", not "资金来源:"). */
const CHROME_LABEL = /(?:^|\s)[•·\-[【]*\s*(?:文号|有效性|公开目录|主题词|来源|信息来源|作者|发布者|字号|字体|浏览)\s*[\]】]?\s*(?:[:：]|$)/;
const CHROME_WORDS = /^(?:[【[\]】()|•·\-:]|打印|关闭|返回|顶部|上一篇|下一篇|分享|收藏|默认|字号|大|中|小|本页|窗口)+$/;

function isChrome(text: string): boolean {
  const t = text.replace(/\s+/g, '');
  return CHROME_ANYWHERE.test(t) || CHROME_LABEL.test(text) || (t.length <= 16 && CHROME_WORDS.test(t));
}

/** A chrome line that is its label alone ("• 发布机构"): its value is on the next line. */
function isBareChromeLabel(text: string): boolean {
  const t = text.replace(/[\s•·\-[\]【】:：]+/g, '');
  return t.length <= 6 && isChrome(t);
}

/**
 * A line that states something rather than names the document: it ends a sentence or announces what follows
 * ("…报告如下："), it runs on past a comma, or it gives an amount or a rate ("2023年度本馆决算支出980万元。"). Such a
 * line near the top is running text, and its year is not the document's.
 */
function isStatement(text: string): boolean {
  return /[。；;！？!?:：]\s*$/.test(text) || /[，,]/.test(text) || /\d\s*(?:万元|亿元|元|%)/.test(text);
}

/** "某某局2022年度…自评报告" — the title a long first line starts with (a PDF page or a document run onto one line). */
const TITLE_HEAD = /^(.{4,60}?(?:报告|自评表|评价表|自评结果|评价结果)(?:\s*[（(]\s*(?:19|20)\d{2}\s*年度?\s*[）)])?)/;

/** A title's year: "2023 年度", "（2022年）", "某中心2018绩效评价…"; never a date ("2023年5月10日"). */
function titleYear(text: string): number | undefined {
  const m = /(?<!\d)((?:19|20)\d{2})\s*(?:年(?!\s*\d{1,2}\s*月)|(?=绩效|部门|整体|项目|预算|决算))/.exec(text);
  return m ? Number(m[1]) : undefined;
}

/**
 * The department a title starts with when no place word precedes it ("市公路局2020年度…项目"): the title's head
 * before its year, when that head is an organisation's name.
 */
function titleHeadName(compact: string): string | undefined {
  const m = /^(?:附件\d*:?|\d+[、.]|[一二三四五六七八九十]+、)?([\u4e00-\u9fa5()]{3,30}?)(?:19|20)\d{2}/.exec(foldBrackets(compact));
  return m && isOrgName(m[1]!) ? m[1]! : undefined;
}

interface Title {
  readonly line: number;
  readonly text: string;
  /** A cover line that is a department's name and nothing else ("某省某某市某某局"). */
  readonly isCover: boolean;
}

/**
 * The title lines at the top, in order: the first twelve lines with text, not counting a web page's own lines (nor
 * the value under a bare one, "• 发布机构" ⏎ "• 某局"); a long line gives the title it starts with. A form's row of
 * several labelled cells ("主管部门 | X | 财政处室 | Y") is not a title.
 */
function titleLines(ctx: ExtractContext): Title[] {
  const titles: Title[] = [];
  let seen = 0;
  let skipValue = false;
  // A page of nothing but its own lines is not searched to its end.
  for (const line of ctx.seg.lines.slice(0, 200)) {
    if (line.kind === 'blank') continue;
    const { cells, split } = cellsOf(line);
    const filled = cells.filter((c) => c !== '');
    if (filled.length === 0) continue;
    const joined = filled.join(' ');
    if (isChrome(joined)) {
      skipValue = isBareChromeLabel(joined);
      continue;
    }
    if (skipValue) {
      skipValue = false;
      if (joined.length <= 40 && !/绩效|自评|评价|报告/.test(joined)) continue;
    }
    if (++seen > 12) break;
    if ((line.kind === 'row' || split) && filled.length > 2) continue;
    // A label:value cell beside a title ("2022年度项目支出绩效自评表 | 部门:某校") is a label, not the title.
    const text = filled.length === 1 ? joined : filled.filter((c) => !/^.{1,10}[:：]/.test(c)).join(' ');
    if (!text) continue;
    const compact = text.replace(/\s/g, '');
    const alone = findDepartmentName(compact);
    if (alone && alone.start === 0 && alone.name.length === compact.length) {
      titles.push({ line: line.index, text, isCover: true });
      continue;
    }
    let title = text;
    if (text.length > 60) {
      const head = TITLE_HEAD.exec(text);
      if (!head || /[,，。；;:：《》]/.test(head[1]!.replace(/^附件\d*\s*[:：]/, ''))) continue;
      title = head[1]!;
    }
    if (/绩效|自评|评价|年度|报告|自评表/.test(title) && !isStatement(title)) titles.push({ line: line.index, text: title, isCover: false });
  }
  return titles;
}

/** A document that evaluates one project (项目支出绩效自评表, 项目自评结果), not a department as a whole. */
function isProjectDocument(ctx: ExtractContext, titles: readonly Title[]): boolean {
  if (ctx.kind === 'project-form') return true;
  return titles.some((t) => /项目/.test(t.text) && /(?:自评|评价)(?:表|结果)/.test(t.text) && !/部门整体|整体支出/.test(t.text));
}

// ── the opening: 现将…报告如下, 来源 ───────────────────────────────────────────────────────────────────────

interface Opening {
  /** The first lines' text joined by "\n" (web page lines left out). */
  readonly text: string;
  /** Line index of each character run: starts[i] is where line lineOf[i] begins in `text`. */
  readonly starts: number[];
  readonly lineOf: number[];
}

function openingOf(ctx: ExtractContext): Opening {
  let text = '';
  const starts: number[] = [];
  const lineOf: number[] = [];
  for (const line of ctx.seg.lines.slice(0, OPENING_LINES)) {
    if (line.kind === 'blank') continue;
    const t = cellsOf(line).cells.filter((c) => c !== '').join(' ');
    if (!t || isChrome(t)) continue;
    starts.push(text.length);
    lineOf.push(line.index);
    text += `${t}\n`;
    if (text.length >= OPENING_CHARS) break;
  }
  return { text, starts, lineOf };
}

function lineAtOffset(o: Opening, offset: number): number {
  let i = 0;
  while (i + 1 < o.starts.length && o.starts[i + 1]! <= offset) i++;
  return o.lineOf[i] ?? 0;
}

/** "现将2022年某县某局…报告如下", "对某县某局2022年度…进行了自评": the name the opening sentence gives. */
function openingName(ctx: ExtractContext, o: Opening): Named | undefined {
  const re = /(?:现将|对)\s*(?:(?:19|20)\d{2}\s*年度?\s*)?([\u4e00-\u9fa5()（）]{4,40})/g;
  for (const m of o.text.matchAll(re)) {
    const org = findDepartmentName(m[1]!);
    if (!org || org.start !== 0) continue;
    const rest = o.text.slice(m.index, m.index + 160);
    if (!/(?:报告|汇报)如下|自评|评价/.test(rest)) continue;
    const line = lineAtOffset(o, m.index);
    return { kind: 'name', name: org.name, region: org.region, source: sourceAt(ctx, line, undefined, o.text.slice(m.index, m.index + 60).split('\n')[0]!) };
  }
  return subjectName(ctx, o);
}

/** Words that open a clause whose organisation is not its subject: the notice it follows, the basis, a purpose. */
const NOT_SUBJECT_START = /^(?:根据|按照|依据|依照|遵照|为|经|由|受|在|对|从|关于|结合|参照|《)/;

/**
 * "根据…通知要求，某县某局对2022年度部门整体支出开展了绩效自评": the organisation that opens a clause of the
 * opening and is the one doing the evaluation — the clause goes on, within the sentence, to 自评 / 绩效评价.
 */
function subjectName(ctx: ExtractContext, o: Opening): Named | undefined {
  const clause = /[^，,。；;：:\n]+/g;
  for (const m of o.text.matchAll(clause)) {
    const text = m[0].trim();
    if (text.length < 5 || NOT_SUBJECT_START.test(text)) continue;
    // The sentence goes on to the evaluation (a cheap test first: most clauses of an opening do not).
    const sentenceEnd = o.text.indexOf('。', m.index);
    const sentence = o.text.slice(m.index, sentenceEnd < 0 ? m.index + 120 : Math.min(sentenceEnd, m.index + 120));
    if (!/自评|绩效评价|整体支出.{0,6}评价/.test(sentence)) continue;
    const org = findDepartmentName(text);
    if (!org || org.start !== 0 || /财政(?:局|厅)$/.test(org.name)) continue;
    if (!/自评|绩效评价|整体支出.{0,6}评价/.test(sentence.slice(org.name.length))) continue;
    const line = lineAtOffset(o, m.index);
    return { kind: 'name', name: org.name, region: org.region, source: sourceAt(ctx, line, undefined, text.slice(0, 60)) };
  }
  return undefined;
}

/**
 * "来源:某县某局" in a web page's lines above the document: the publishing department, a last resort — and only a
 * name with its place ("来源:办公室" is an office of the site, not a department).
 */
function sourceLineName(ctx: ExtractContext): Named | undefined {
  for (const line of ctx.seg.lines.slice(0, 20)) {
    const t = cellsOf(line).cells.join(' ');
    const m = /来源\s*[:：]\s*(.{3,40})/.exec(t);
    if (!m) continue;
    const named = nameFromValue(m[1]!);
    if (named?.region) return { kind: 'name', ...named, source: sourceAt(ctx, line.index, undefined, t) };
  }
  return undefined;
}

// ── the year when no label or title gives it ─────────────────────────────────────────────────────────────────

/**
 * The year of the budget being evaluated, inferred from the opening: every "20xx年(度)" there that is not a date
 * ("2023年5月10日"), a range's end ("2016-2025年") or a plan ("2023年工作计划"), weighted — a sentence that names
 * the evaluated year ("现将2022年…", "对2022年度…进行自评", "2021年部门决算…") counts 3, "年度" 2, a bare "年" 1 —
 * and the heaviest year taken, the earliest on a tie.
 */
function inferredYear(o: Opening): { year: number; offset: number; line: string; evidence: string } | undefined {
  const re = /(?<!\d)((?:19|20)\d{2})\s*年(度)?(?!\s*\d{1,2}\s*月)(?!\s*(?:[-—–~～]|至|到)\s*(?:19|20)?\d{2})/g;
  const score = new Map<number, { weight: number; first: number; best: number; bestAt: number }>();
  for (const m of o.text.matchAll(re)) {
    const y = Number(m[1]);
    if (y < 1990 || y > 2100) continue;
    const before = o.text.slice(Math.max(0, m.index - 6), m.index);
    const after = o.text.slice(m.index + m[0].length, m.index + m[0].length + 8);
    // A range's end ("2016-2025年", "2021至2025年") or a plan ("2023年工作计划") is not the evaluated year.
    if (/^.{0,4}(?:计划|打算|思路|展望)/.test(after) || /\d\s*年?\s*(?:[-—–~～]|至|到)\s*$/.test(before)) continue;
    const telling = /(?:现将|对)\s*$/.test(before) || /^(?:部门|单位)?(?:整体)?(?:支出|决算|预算|收支|绩效|项目支出)/.test(after);
    const weight = telling ? 3 : m[2] ? 2 : 1;
    const s = score.get(y) ?? { weight: 0, first: m.index, best: 0, bestAt: m.index };
    s.weight += weight;
    if (weight > s.best) {
      s.best = weight;
      s.bestAt = m.index;
    }
    score.set(y, s);
  }
  const best = [...score.entries()].sort((a, b) => b[1].weight - a[1].weight || a[1].first - b[1].first)[0];
  if (!best) return undefined;
  const at = best[1].bestAt;
  const lineStart = o.text.lastIndexOf('\n', at) + 1;
  const lineEnd = o.text.indexOf('\n', at);
  const line = o.text.slice(lineStart, lineEnd < 0 ? undefined : lineEnd);
  const from = Math.max(0, at - lineStart - 16);
  // A long line (a form run onto one line) is quoted around the year, not around its middle.
  const quoted = line.length <= 160 ? line : line.slice(Math.max(0, at - lineStart - 60), at - lineStart + 90);
  return { year: best[0], offset: at, line: quoted, evidence: line.slice(from, from + 40) };
}

/** A few words around the first mention of `year` in `text`. */
function yearWords(text: string, year: number): string {
  const i = Math.max(0, text.indexOf(String(year)));
  const from = Math.max(0, i - 16);
  return text.slice(from, from + 40);
}

/** The year the document most often writes as "20xx 年度", anywhere: the fallback when the opening has none. */
function mostFrequentYear(ctx: ExtractContext): { year: number; line: number; text: string } | undefined {
  const counts = new Map<number, { n: number; line: number; text: string }>();
  for (const line of ctx.seg.lines) {
    for (const cell of line.cells) {
      for (const m of cell.matchAll(/(?<!\d)((?:19|20)\d{2})\s*年度/g)) {
        const y = Number(m[1]);
        const c = counts.get(y) ?? { n: 0, line: line.index, text: cell };
        c.n++;
        counts.set(y, c);
      }
    }
  }
  const best = [...counts.entries()].sort((a, b) => b[1].n - a[1].n)[0];
  return best ? { year: best[0], line: best[1].line, text: best[1].text } : undefined;
}

/**
 * Puts an inferred year and says so in the extraction report: the year, the line and the words it was read from
 * (`evidence`, a few words around the year; the source keeps the whole line).
 */
function putYearInferred(ctx: ExtractContext, year: number, line: number, text: string, evidence: string): void {
  if (!put(ctx, 'year', year, String(year), sourceAt(ctx, line, undefined, text))) return;
  const loc = ctx.seg.lines[line]?.loc ?? {};
  const at = loc.line ?? loc.row ?? line + 1;
  ctx.warnings.push({ code: 'year-inferred', path: ['year'], params: { year, line: at, text: evidence }, line: at });
}

// ── the extractor ────────────────────────────────────────────────────────────────────────────────────────────

function putName(ctx: ExtractContext, n: Named | undefined): void {
  if (!n || getPath(ctx.draft, 'department.name') !== undefined) return;
  put(ctx, 'department.name', n.name, n.name, n.source);
  if (n.region) put(ctx, 'department.region', n.region, n.region, n.source);
}

export function extractIdentity(ctx: ExtractContext): void {
  // 1. Labelled cells: 部门名称 | X, 被评价年度 | 2022 年, "部门名称（公章）：X", 主管部门 | X, 实施单位 | X.
  const named = labelled(ctx);
  const titles = titleLines(ctx);
  const isProject = isProjectDocument(ctx, titles);
  const first = (kind: LabelKind) => named.find((n) => n.kind === kind);
  // A project's form names its department as 主管部门 (the 实施单位, 项目单位 or a "部门:" beside the title is the unit
  // that spent the money); a department-wide document names it 部门名称 and the like.
  if (isProject) putName(ctx, first('supervisor'));
  putName(ctx, first('name'));
  // 2. Title lines at the top: "2023 年度某某市某某区某某局", "XX局2022年度部门整体支出绩效自评报告", "(2020年)",
  // a cover line that is the department's name alone.
  for (const t of titles) {
    const src = sourceAt(ctx, t.line, undefined, t.text);
    const compact = t.text.replace(/\s/g, '');
    const org = findDepartmentName(compact);
    if (org) putName(ctx, { kind: 'name', name: org.name, region: org.region, source: src });
    if (t.isCover) continue;
    const y = titleYear(t.text);
    if (y && y >= 1990 && y <= 2100) put(ctx, 'year', y, String(y), src);
    const head = titleHeadName(compact);
    if (head) putName(ctx, { kind: 'name', name: head, source: src });
  }
  // 2b. The unit that carried a project out, when its form prints no 主管部门; a 主管部门 of a department-wide form.
  putName(ctx, first('implementer'));
  putName(ctx, first('supervisor'));
  if (getPath(ctx.draft, 'department.name') !== undefined && ctx.draft['year'] !== undefined) {
    markAggregate(ctx);
    return;
  }
  const opening = openingOf(ctx);
  // 2c. The opening sentence ("现将2022年某县某局…报告如下"), then a web page's 来源 line.
  if (getPath(ctx.draft, 'department.name') === undefined) putName(ctx, openingName(ctx, opening) ?? sourceLineName(ctx));
  // 3. A form's title with its year in brackets, run together with the rest ("…绩效自评表(2021年)项目名称…").
  const form = /(?:自评|评价|绩效)(?:表|报告)\s*[（(]\s*((?:19|20)\d{2})\s*年度?\s*[）)]/.exec(opening.text);
  if (form) {
    const line = lineAtOffset(opening, form.index);
    put(ctx, 'year', Number(form[1]), form[1]!, sourceAt(ctx, line, undefined, form[0]));
  }
  // 4. No label or title gives the year: the telling year of the opening, else the year most often written as
  // "20xx 年度" anywhere — inferred, and the report says so and from where.
  if (ctx.draft['year'] === undefined) {
    const y = inferredYear(opening);
    if (y) putYearInferred(ctx, y.year, lineAtOffset(opening, y.offset), y.line, y.evidence);
    else {
      const f = mostFrequentYear(ctx);
      if (f) putYearInferred(ctx, f.year, f.line, f.text, yearWords(f.text, f.year));
    }
  }
  markAggregate(ctx);
}

/** 汇总 in the name label: the figures aggregate subordinate units. */
function markAggregate(ctx: ExtractContext): void {
  for (const line of ctx.seg.lines.slice(0, 30)) {
    const c0 = compactLabel(line.cells[0] ?? '');
    if (/^部门名称[（(]汇总[）)]$/.test(c0)) put(ctx, 'department.isAggregate', true, '是', sourceAt(ctx, line.index, 0, line.cells[0]!));
  }
}
