/**
 * review: the 审核意见 a finance bureau sends back for one self-evaluation — the document reviewed, a conclusion, the
 * findings grouped by category (severity, what is wrong, printed against recomputed value, formula, every place with
 * its source text), the self-score against the score the rubric gives on the document's own data for every rubric
 * item, and a signature block. Built from the audit's JSON (`AuditReportJson`), so a document and an evaluation file
 * review alike; `jixiao audit --format html` and `jixiao render -t review` both lay out this one document.
 *
 * Scores are exact: the report's decimal texts are read with `parseExact` and differences taken with `sub`.
 */
import type { AuditReportJson, FindingJson, LocationJson } from '../../core/audit/report.ts';
import { CATEGORIES, CATEGORY_LABELS, SEVERITY_LABELS, type Category, type Severity } from '../../core/audit/types.ts';
import { type Exact, decimalsOf, isZero, parseExact, sub, toFixed } from '../../core/exact.ts';
import type { Lang } from '../../core/messages.ts';
import type { Block, Cell, Row, Table } from '../doc.ts';
import { label, para, text } from '../doc.ts';
import type { Notice, RenderResult, Template, TemplateInput } from './types.ts';

export const REVIEW_WORDS = {
  zh: {
    title: ['部门整体支出绩效自评', '审核意见'],
    metaTitle: (who: string, year: number | null) => `${who}${year !== null ? ` ${year} 年度` : ''}部门整体支出绩效自评审核意见`,
    subject: '审核意见',
    unnamed: '（未署名部门）',
    department: '被审核单位',
    year: '评价年度',
    yearValue: (y: number) => `${y} 年`,
    kind: '文件版式',
    file: '被审核文件',
    rubric: '评分标准',
    score: '得分',
    scoreLine: (self: string, computed: string, max: string) => `自评 ${self} ／ 复核 ${computed} ／ 满分 ${max}`,
    differs: (d: string) => ` ／ 相差 ${d}`,
    gradeLine: (g: string) => ` ／ 复核等级 ${g}`,
    findingsCount: '审核发现',
    counts: (e: number, w: number, i: number) => `错误 ${e} · 警告 ${w} · 提示 ${i}`,
    conclusionHeading: '一、审核结论',
    findingsHeading: '二、审核发现',
    scoresHeading: '三、评分复核',
    none: '无。',
    categoryHeading: (i: number, name: string, n: number) => `（${CHINESE_NUMERALS[i] ?? String(i + 1)}）${name}（${n} 条）`,
    clean: (info: number) => (info > 0 ? `未发现须修改的问题；另有提示 ${info} 条，供参考。` : '未发现须修改的问题。'),
    found: (e: number, w: number, i: number) => `共发现错误 ${e} 条、警告 ${w} 条${i ? `、提示 ${i} 条` : ''}；请逐条核实并修改后重新报送。`,
    scoreSentence: (self: string, computed: string, d: string) => `自评得分 ${self} 分，按评分办法复核为 ${computed} 分，相差 ${d} 分。`,
    findingHead: ['序号', '程度', '问题', '文件所载', '复核结果', '位置与原文'],
    allFindingsHead: ['序号', '类别', '程度', '规则', '问题', '文件所载', '复核结果', '公式', '位置与原文'],
    allFindingsSheet: '审核发现',
    formula: (f: string) => `公式：${f}`,
    titleRule: (title: string, rule: string) => `${title}（${rule}）`,
    scoresCaption: (rubric: string | null) => `评分复核${rubric ? `（${rubric}）` : ''}`,
    scoresSheet: '评分复核',
    scoresHead: ['评分项', '分值', '自评得分', '复核得分', '差异\n（自评−复核）', '复核依据'],
    total: '合计',
    totalGrade: (g: string) => `复核等级：${g}`,
    notVerifiable: (basis: string | null) => `※ ${basis ?? '无法由数据复核，沿用自评'}`,
    notVerifiableNote: '※ 无法由文件数据复核的评分项，复核得分沿用自评得分。',
    documentSheet: '审核对象',
    signUnit: '审核单位（盖章）：',
    // Ideographic spaces: room to sign and date by hand, kept by every format (HTML collapses ASCII spaces).
    signPerson: '审核人：\u3000\u3000\u3000\u3000\u3000\u3000审核日期：\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日',
    footer: '由 jixiao 生成。文中数据均按报送文件自身所载数字重新计算核对，未引用外部数据；如对审核意见有异议，请附依据说明。',
    where: {
      page: (n: number) => `第 ${n} 页`,
      section: (s: string) => `“${s}”部分`,
      table: (s: string) => `表“${s}”`,
      row: (n: number) => `第 ${n} 行`,
      column: (n: number) => `第 ${n} 列`,
      line: (n: number) => `行号 ${n}`,
      field: (f: string) => `字段 ${f}`,
      join: '，',
      colon: '：',
    },
  },
  en: {
    title: ['Review of the performance', 'self-evaluation'],
    metaTitle: (who: string, year: number | null) => `Review of the performance self-evaluation — ${who}${year !== null ? ` ${year}` : ''}`,
    subject: 'review',
    unnamed: '(unnamed department)',
    department: 'Department',
    year: 'Year',
    yearValue: (y: number) => String(y),
    kind: 'Document kind',
    file: 'File',
    rubric: 'Rubric',
    score: 'Score',
    scoreLine: (self: string, computed: string, max: string) => `self ${self} / recomputed ${computed} / out of ${max}`,
    differs: (d: string) => ` / difference ${d}`,
    gradeLine: (g: string) => ` / grade ${g}`,
    findingsCount: 'Findings',
    counts: (e: number, w: number, i: number) => `errors ${e} · warnings ${w} · info ${i}`,
    conclusionHeading: '1. Conclusion',
    findingsHeading: '2. Findings',
    scoresHeading: '3. Score review',
    none: 'None.',
    categoryHeading: (i: number, name: string, n: number) => `(${i + 1}) ${name} (${n})`,
    clean: (info: number) => (info > 0 ? `No problems requiring correction were found; ${info} ${info === 1 ? 'note is' : 'notes are'} given for reference.` : 'No problems requiring correction were found.'),
    found: (e: number, w: number, i: number) => {
      const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
      const parts = [plural(e, 'error', 'errors'), plural(w, 'warning', 'warnings'), ...(i ? [plural(i, 'note', 'notes')] : [])];
      const list = parts.length === 3 ? `${parts[0]}, ${parts[1]} and ${parts[2]}` : parts.join(' and ');
      return `Found ${list}; please check and correct each item, then resubmit.`;
    },
    scoreSentence: (self: string, computed: string, d: string) => `The self-score is ${self}; recomputed under the rubric it is ${computed} (difference ${d}).`,
    findingHead: ['#', 'Severity', 'Problem', 'Printed', 'Recomputed', 'Where, and the source text'],
    allFindingsHead: ['#', 'Category', 'Severity', 'Rule', 'Problem', 'Printed', 'Recomputed', 'Formula', 'Where, and the source text'],
    allFindingsSheet: 'Findings',
    formula: (f: string) => `formula: ${f}`,
    titleRule: (title: string, rule: string) => `${title} (${rule})`,
    scoresCaption: (rubric: string | null) => `Score review${rubric ? ` (${rubric})` : ''}`,
    scoresSheet: 'Score review',
    scoresHead: ['Item', 'Weight', 'Self', 'Recomputed', 'Difference\n(self − recomputed)', 'Basis'],
    total: 'Total',
    totalGrade: (g: string) => `grade: ${g}`,
    notVerifiable: (basis: string | null) => `※ ${basis ?? 'cannot be verified from the data; the self-score stands'}`,
    notVerifiableNote: '※ Items the document’s data cannot verify: the self-score stands.',
    documentSheet: 'Document',
    signUnit: 'Reviewing office (seal):',
    signPerson: 'Reviewer:\u3000\u3000\u3000\u3000\u3000\u3000Date:\u3000\u3000\u3000\u3000\u3000\u3000',
    footer: 'Generated by jixiao. All figures were recomputed from the document’s own data; no outside data was used.',
    where: {
      page: (n: number) => `page ${n}`,
      section: (s: string) => `section “${s}”`,
      table: (s: string) => `table “${s}”`,
      row: (n: number) => `row ${n}`,
      column: (n: number) => `column ${n}`,
      line: (n: number) => `line ${n}`,
      field: (f: string) => `field ${f}`,
      join: ', ',
      colon: ': ',
    },
  },
} as const;

const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

type Words = (typeof REVIEW_WORDS)[Lang];

const DASH = '—';

/** Source text longer than this is cut in the letter (the JSON keeps it whole). */
const MAX_EXCERPT = 300;

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const categoryName = (c: Category, lang: Lang): string => (lang === 'en' ? capitalize(CATEGORY_LABELS[c].en) : CATEGORY_LABELS[c].zh);
const severityName = (s: Severity, lang: Lang): string => (lang === 'en' ? capitalize(SEVERITY_LABELS[s].en) : SEVERITY_LABELS[s].zh);

function clip(s: string, max: number): string {
  const chars = Array.from(s);
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`;
}

const baseName = (file: string): string => file.split(/[\\/]/).filter(Boolean).pop() ?? file;

// ---- Exact scores ----------------------------------------------------------------------------------------------

/** A score as the report printed it ("1.82"), with the decimals it was written with. */
interface Score {
  readonly value: Exact;
  readonly decimals: number;
}

function score(s: string | null): Score | undefined {
  if (s === null) return undefined;
  const value = parseExact(s);
  return value ? { value, decimals: decimalsOf(s) } : undefined;
}

/** self − computed when both are present and differ, at the larger of their decimals. */
export function scoreDifference(self: string | null, computed: string | null): Score | undefined {
  const a = score(self);
  const b = score(computed);
  if (!a || !b) return undefined;
  const value = sub(a.value, b.value);
  return isZero(value) ? undefined : { value, decimals: Math.max(a.decimals, b.decimals) };
}

/** The difference as text ("-0.86"), or null when there is none. */
export function scoreDifferenceText(self: string | null, computed: string | null): string | null {
  const d = scoreDifference(self, computed);
  return d ? numberText(d) : null;
}

const numberText = (s: Score): string => toFixed(s.value, s.decimals);

/** A score cell: the exact figure as a number (a real number in the workbook), "—" when there is none. */
function scoreCell(s: string | null, extra: Omit<Cell, 'value'> = {}): Cell {
  const x = score(s);
  if (!x) return text(s ?? DASH, { align: 'right', ...extra });
  return { value: { type: 'number', value: x.value, decimals: x.decimals }, ...extra };
}

function differenceCell(self: string | null, computed: string | null, extra: Omit<Cell, 'value'> = {}): Cell {
  const d = scoreDifference(self, computed);
  return d ? { value: { type: 'number', value: d.value, decimals: d.decimals }, bold: true, ...extra } : text('', extra);
}

/** The grade of the recomputed score that the audit report carries (null where it is withheld). */
export function reportGrade(r: AuditReportJson): string | null {
  return r.grade;
}

// ---- Findings --------------------------------------------------------------------------------------------------

function whereText(l: LocationJson, r: AuditReportJson, w: Words): string {
  const at: string[] = [];
  if (l.file && l.file !== r.file) at.push(baseName(l.file));
  if (l.page !== undefined) at.push(w.where.page(l.page));
  if (l.section) at.push(w.where.section(l.section));
  if (l.table) at.push(w.where.table(l.table));
  if (l.row !== undefined) at.push(w.where.row(l.row));
  if (l.column !== undefined) at.push(w.where.column(l.column));
  if (l.line !== undefined) at.push(w.where.line(l.line));
  else if (l.field) at.push(w.where.field(l.field));
  return at.join(w.where.join);
}

/** Each place: "role：where" and the source text under it in 「」. */
export function locationsText(f: FindingJson, r: AuditReportJson, lang: Lang): string {
  const w = REVIEW_WORDS[lang];
  return f.locations
    .map((l) => {
      const where = whereText(l, r, w);
      const role = l.role ? l.role[lang] : '';
      const head = role && where ? `${role}${w.where.colon}${where}` : role || where;
      const quote = l.text ? `「${clip(l.text.replace(/\s+/g, ' ').trim(), MAX_EXCERPT)}」` : '';
      return [head, quote].filter(Boolean).join('\n');
    })
    .filter(Boolean)
    .join('\n');
}

function problemText(f: FindingJson, w: Words, withFormula: boolean): string {
  return [w.titleRule(f.title, f.rule), f.message, ...(withFormula && f.formula !== null ? [w.formula(f.formula)] : [])].join('\n');
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const satisfies Readonly<Record<Severity, number>>;

/** Findings by category in the fixed order, errors first within one, numbered on through the categories. */
export function groupFindings(findings: readonly FindingJson[]): { category: Category; items: { no: number; f: FindingJson }[] }[] {
  const out: { category: Category; items: { no: number; f: FindingJson }[] }[] = [];
  let no = 0;
  for (const category of CATEGORIES) {
    const items = findings
      .map((f, i) => ({ f, i }))
      .filter((x) => x.f.category === category)
      .sort((a, b) => SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || a.i - b.i)
      .map((x) => ({ no: ++no, f: x.f }));
    if (items.length) out.push({ category, items });
  }
  return out;
}

function categoryTable(category: Category, items: readonly { no: number; f: FindingJson }[], r: AuditReportJson, lang: Lang): Table {
  const w = REVIEW_WORDS[lang];
  return {
    id: `findings-${category}`,
    sheet: categoryName(category, lang),
    size: 'small',
    columns: [
      { key: 'no', width: 2.5, align: 'center' },
      { key: 'severity', width: 3.5, align: 'center' },
      { key: 'problem', width: 15.5 },
      { key: 'printed', width: 5 },
      { key: 'computed', width: 5 },
      { key: 'where', width: 16 },
    ],
    header: [{ cells: w.findingHead.map((s) => label(s)) }],
    body: items.map(({ no, f }) => ({
      ...(f.severity === 'error' ? { flagged: true } : {}),
      cells: [
        text(String(no), { align: 'center' }),
        text(severityName(f.severity, lang), { align: 'center', bold: f.severity === 'error' }),
        text(problemText(f, w, true)),
        text(f.printed ?? DASH),
        text(f.computed ?? DASH),
        text(locationsText(f, r, lang)),
      ],
    })),
  };
}

/** Every finding in one sheet, a column for each part, for sorting and filtering in a workbook. */
function allFindingsTable(groups: ReturnType<typeof groupFindings>, r: AuditReportJson, lang: Lang): Table {
  const w = REVIEW_WORDS[lang];
  return {
    id: 'findings',
    sheet: w.allFindingsSheet,
    caption: w.allFindingsSheet,
    size: 'small',
    columns: [
      { key: 'no', width: 2, align: 'center' },
      { key: 'category', width: 6 },
      { key: 'severity', width: 3, align: 'center' },
      { key: 'rule', width: 8 },
      { key: 'problem', width: 24 },
      { key: 'printed', width: 6 },
      { key: 'computed', width: 6 },
      { key: 'formula', width: 12 },
      { key: 'where', width: 24 },
    ],
    header: [{ cells: w.allFindingsHead.map((s) => label(s)) }],
    body: groups.flatMap(({ category, items }) =>
      items.map(({ no, f }): Row => ({
        ...(f.severity === 'error' ? { flagged: true } : {}),
        cells: [
          text(String(no), { align: 'center' }),
          text(categoryName(category, lang)),
          text(severityName(f.severity, lang), { align: 'center', bold: f.severity === 'error' }),
          text(f.rule),
          text(`${f.title}\n${f.message}`),
          text(f.printed ?? DASH),
          text(f.computed ?? DASH),
          text(f.formula ?? ''),
          text(locationsText(f, r, lang)),
        ],
      })),
    ),
  };
}

// ---- Scores ----------------------------------------------------------------------------------------------------

/** Every rubric item, indented by its depth (ideographic spaces, kept by every format), with its total. */
function scoresTable(r: AuditReportJson, lang: Lang, grade: string | null): { table: Table; unverified: boolean } | undefined {
  const w = REVIEW_WORDS[lang];
  if (!r.scores.length) return undefined;
  let unverified = false;
  const body: Row[] = r.scores.map((s, i) => {
    const name = s.path[s.path.length - 1] ?? '';
    const differs = scoreDifference(s.self, s.computed) !== undefined;
    const isLeaf = (r.scores[i + 1]?.depth ?? -1) <= s.depth;
    // Only an item's own figure carried over from the self-score needs the mark (a group is marked through its
    // items); a blank is explained by the basis.
    const carried = isLeaf && !s.verifiable && s.computed !== null;
    if (carried) unverified = true;
    const top = s.depth === 0;
    return {
      ...(differs ? { flagged: true } : {}),
      cells: [
        text(`${'\u3000'.repeat(s.depth)}${name}`, top ? { bold: true } : {}),
        scoreCell(s.weight, { align: 'center', ...(top ? { bold: true } : {}) }),
        scoreCell(s.self, top ? { bold: true } : {}),
        scoreCell(s.computed, top ? { bold: true } : {}),
        differenceCell(s.self, s.computed),
        text(carried ? w.notVerifiable(s.basis) : (s.basis ?? '')),
      ],
    };
  });
  body.push({
    kind: 'total',
    cells: [
      text(w.total, { align: 'center' }),
      scoreCell(r.maxScore, { align: 'center' }),
      scoreCell(r.selfScore),
      scoreCell(r.computedScore),
      differenceCell(r.selfScore, r.computedScore),
      text(grade ? w.totalGrade(grade) : ''),
    ],
  });
  return {
    unverified,
    table: {
      id: 'scores',
      sheet: w.scoresSheet,
      caption: w.scoresCaption(r.rubric?.name ?? null),
      size: 'small',
      columns: [
        { key: 'item', width: 11 },
        { key: 'weight', width: 2.5, align: 'center' },
        { key: 'self', width: 4.5, align: 'right' },
        { key: 'computed', width: 4.5, align: 'right' },
        { key: 'diff', width: 6, align: 'right' },
        { key: 'basis', width: 19 },
      ],
      header: [{ cells: w.scoresHead.map((s) => label(s)) }],
      body,
    },
  };
}

// ---- The letter ------------------------------------------------------------------------------------------------

export function conclusionText(r: AuditReportJson, lang: Lang): string {
  const w = REVIEW_WORDS[lang];
  const { error, warning, info } = r.counts;
  const out = [error === 0 && warning === 0 ? w.clean(info) : w.found(error, warning, info)];
  const d = scoreDifferenceText(r.selfScore, r.computedScore);
  if (d !== null && r.selfScore !== null && r.computedScore !== null) out.push(w.scoreSentence(r.selfScore, r.computedScore, d));
  return out.join(lang === 'zh' ? '' : ' ');
}

export interface ReviewOptions {
  readonly lang?: Lang;
  /** The computed grade (复核等级), when the caller has the score report; else the report's own, if any. */
  readonly grade?: string | null;
}

export function reviewDoc(r: AuditReportJson, options: ReviewOptions = {}): RenderResult {
  const lang = options.lang ?? 'zh';
  const w = REVIEW_WORDS[lang];
  const grade = options.grade ?? reportGrade(r);
  const notices: Notice[] = [];
  const diff = scoreDifferenceText(r.selfScore, r.computedScore);
  const scoreLine = `${w.scoreLine(r.selfScore ?? DASH, r.computedScore ?? DASH, r.maxScore ?? DASH)}${diff !== null ? w.differs(diff) : ''}${grade ? w.gradeLine(grade) : ''}`;
  const info: Row[] = [
    { cells: [label(w.department), text(r.department ?? w.unnamed)] },
    { cells: [label(w.year), text(r.year === null ? DASH : w.yearValue(r.year))] },
    { cells: [label(w.kind), text(r.documentKindLabel || DASH)] },
    { cells: [label(w.file), text(r.file)] },
    { cells: [label(w.rubric), text(r.rubric?.name ?? DASH)] },
    { cells: [label(w.score), text(scoreLine)] },
    { cells: [label(w.findingsCount), text(w.counts(r.counts.error, r.counts.warning, r.counts.info))] },
  ];
  const blocks: Block[] = [
    { kind: 'title', lines: w.title },
    { kind: 'table', table: { id: 'document', sheet: w.documentSheet, columns: [{ key: 'k', width: 7, align: 'center' }, { key: 'v', width: 30 }], header: [], body: info } },
    { kind: 'heading', level: 1, text: w.conclusionHeading },
    para(conclusionText(r, lang), { generated: true }),
    { kind: 'heading', level: 1, text: w.findingsHeading },
  ];
  const groups = groupFindings(r.findings);
  if (!groups.length) blocks.push(para(w.none));
  groups.forEach(({ category, items }, i) => {
    blocks.push({ kind: 'heading', level: 2, text: w.categoryHeading(i, categoryName(category, lang), items.length) });
    blocks.push({ kind: 'table', table: categoryTable(category, items, r, lang), formats: ['docx', 'html', 'pdf'] });
  });
  if (groups.length) blocks.push({ kind: 'table', table: allFindingsTable(groups, r, lang), formats: ['xlsx'] });
  const scores = scoresTable(r, lang, grade);
  if (scores) {
    blocks.push({ kind: 'heading', level: 1, text: w.scoresHeading }, { kind: 'table', table: scores.table });
    if (scores.unverified) blocks.push({ kind: 'note', text: w.notVerifiableNote, align: 'left' });
  }
  blocks.push(para(w.signUnit, { indent: false, align: 'right' }), para(w.signPerson, { indent: false, align: 'right' }), { kind: 'note', text: w.footer, align: 'left' });
  const title = w.metaTitle(r.department ?? baseName(r.file), r.year);
  return { doc: { meta: { title, subject: w.subject, creator: 'jixiao', layout: 'report', lang }, blocks }, notices };
}

export const review: Template = {
  id: 'review',
  label: { zh: '审核意见', en: 'review report' },
  description: { zh: '审核结论、按类别分组的审核发现（原文摘录、核算值、公式、位置）、逐项评分复核、签章栏', en: 'conclusion, findings by category with source text, recomputed values and formulas, score review per rubric item, signature block' },
  needs: ['audit'],
  build(input: TemplateInput): RenderResult {
    if (!input.audit) throw new Error('review template needs the audit report (programmer error)');
    const grade = input.score?.grade.computed?.zh ?? null;
    return reviewDoc(input.audit, { lang: 'zh', grade });
  },
};
