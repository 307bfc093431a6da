/**
 * The department's budget summary (年初预算, 调整后预算, 实际支出) and its printed rates (预算完成率, 预算调整率):
 * first from labelled form cells, then from the sentences of a report. A figure qualified by a part of the budget
 * (基本支出, 项目, 三公, a functional class …) is not the department total and is skipped.
 */
import { compactLabel } from '../../core/text/normalize.ts';
import { breakBefore } from '../../core/text/reach.ts';
import { percentText } from '../../core/text/numbers.ts';
import type { Table } from '../segment.ts';
import { type ExtractContext, cellNumber, cellPercent, getPath, moneyOf, numbersOf, put, putMoney, putPrinted, sourceAt, sourceInParagraph, unitFromNotes } from './context.ts';

/** Form labels (spaces removed) → draft path. */
const FORM_LABELS: readonly (readonly [RegExp, string, 'money' | 'rate'])[] = [
  [/^(?:部门)?年初预算(?:收入|数|支出)?(?:[（(]万元[）)])?$/, 'budget.initialBudget', 'money'],
  [/^(?:年度预算调整数|调整后预算(?:数)?|全年预算(?:数)?|年度预算数)(?:[（(]万元[）)])?$/, 'budget.adjustedBudget', 'money'],
  [/^部门调整预算收入$/, 'budget.adjustedRevenue', 'money'],
  [/^(?:实际支出(?:数)?|全年执行数|执行数|决算数|实际执行数)(?:[（(]万元[）)])?$/, 'budget.actualSpending', 'money'],
  [/^(?:预算完成率|预算执行率|全年预算执行率|支出率)$/, 'budget.printed.executionRate', 'rate'],
  [/^预算调整率$/, 'budget.printed.adjustmentRate', 'rate'],
];

/** The unit a table declares for its figures, or the document default. */
export function tableUnit(t: Table | undefined): '元' | '万元' {
  return unitFromNotes(t?.unitNotes ?? []) ?? '万元';
}

export function extractBudgetForm(ctx: ExtractContext): void {
  for (const table of ctx.seg.tables) {
    const unit = tableUnit(table);
    for (const row of table.rows) {
      row.cells.forEach((cell, col) => {
        const label = compactLabel(cell);
        if (label.length > 14) return;
        // "其中：一般公共预算 | 1234.56" — the general-public-budget part of actual spending.
        if (/^其中[：:]?一般公共预算(?:支出)?$/.test(label)) {
          const v = nextValue(row.cells, col);
          if (v?.number) {
            const src = sourceAt(ctx, row.cellLines[v.col] ?? row.lines[0]!, v.col, `${cell} ${v.text}`);
            if (!getPath(ctx.draft, 'budget.fundSources')) {
              put(ctx, 'budget.fundSources', [{ name: '一般公共预算', actualSpending: { value: v.number, unit, source: src } }], `一般公共预算 实际支出 ${v.number} ${unit}`, src);
            }
          }
          return;
        }
        for (const [re, path, kind] of FORM_LABELS) {
          if (!re.test(label)) continue;
          const v = nextValue(row.cells, col);
          if (!v) break;
          const src = sourceAt(ctx, row.cellLines[v.col] ?? row.lines[0]!, v.col, `${cell} ${v.text}`);
          if (kind === 'rate' && v.percent) putPrinted(ctx, path, v.percent, src);
          if (kind === 'money' && v.number) putMoney(ctx, path, { value: v.number, unit }, src);
          break;
        }
      });
    }
  }
}

/** The first non-empty cell right of `col` (a label's value), read as a number or percentage. */
function nextValue(cells: readonly string[], col: number): { col: number; text: string; number?: string; percent?: string } | undefined {
  for (let j = col + 1; j < cells.length; j++) {
    const text = cells[j]!;
    if (!text) continue;
    const number = cellNumber(text);
    const percent = cellPercent(text);
    if (!number && !percent) return undefined;
    return { col: j, text, ...(number ? { number } : {}), ...(percent ? { percent } : {}) };
  }
  return undefined;
}

/**
 * Words that make a figure a part of the budget rather than the department's total: a budget block, an expense
 * type, a fund source other than the whole, a functional class (政府收支分类科目 类级), a project.
 */
const PART_QUALIFIER =
  /基本支出|项目|人员经费|公用经费|三公|采购|资产|政府性基金|国有资本|社会保障|卫生健康|住房保障|灾害防治|一般公共服务|公共安全|教育|科学技术|文化旅游|节能环保|城乡社区|农林水|交通运输|资源勘探|商业服务|金融|援助其他|自然资源|粮油物资|债务|工资福利|商品和服务|对个人和家庭|资本性|专项|上年|去年|同比|比上年|结转|结余|季度|月末|月底/;

const KEYWORDS: readonly (readonly [RegExp, string])[] = [
  [/(?:年初(?:支出)?预算(?:批复)?(?:数|金额|收入|支出)?|初预算支出|预算收入)$/, 'budget.initialBudget'],
  [/(?:调整(?:后)?预算(?:数|收入|支出|总额)?|全年预算(?:数|总额)?|预算资金总额|年度预算总额)$/, 'budget.adjustedBudget'],
  [/(?:决算(?:数|支出)?|实际支出(?:数|金额)?|执行数|支出决算(?:数)?|完成预算数|财政拨款支出|实际完成数)$/, 'budget.actualSpending'],
];

const isSentenceEnd = (c: string) => '。；;！？\n'.includes(c);
const isClauseBreak = (c: string) => '，,：:（('.includes(c);

/**
 * A sentence's text from its start (after 。；) to `at`, and from the last comma to `at` — at most SENTENCE_REACH
 * characters back, so that a text of thousands of figures without a full stop is not read again for each.
 */
function prefixes(text: string, at: number): { sentence: string; clause: string } {
  const s = breakBefore(text, at, isSentenceEnd);
  const c = Math.max(s, breakBefore(text, at, isClauseBreak, at - s));
  return { sentence: text.slice(s, at), clause: text.slice(c, at) };
}

function isDepartmentTotal(text: string, keywordStart: number, keywordText: string): boolean {
  const { sentence } = prefixes(text, keywordStart);
  // Why the whole sentence: the subject of "社会保障和就业年初预算数为18.33万元，决算数为 18.33万元" is named once.
  if (PART_QUALIFIER.test(sentence + keywordText.replace(/预算收入$|预算$/, ''))) return false;
  // "“XX项目”绩效情况：全年预算数…" — a project's figures.
  if (/[”"」]\s*(?:项目)?(?:绩效情况|情况)?[：:]/.test(sentence) || /项目[^。]{0,12}[：:]/.test(sentence)) return false;
  return true;
}

export function extractBudgetNarrative(ctx: ExtractContext): void {
  for (const p of ctx.seg.paragraphs) {
    if (!/预算|决算|支出|执行/.test(p.text)) continue;
    const tokens = numbersOf(p);
    if (!tokens.some((t) => t.unit === '万元' || t.unit === '元' || t.unit === '亿元' || t.unit === '%')) continue;
    for (const t of tokens) {
      const m = moneyOf(t);
      if (!m) continue;
      const before = p.text.slice(Math.max(0, t.start - 24), t.start).replace(/\s+$/, '').replace(/(?:为|是|达到?|共计|合计|总计|共|计|：|:)$/, '').replace(/\s+$/, '');
      for (const [re, path] of KEYWORDS) {
        const k = re.exec(before);
        if (!k) continue;
        const keywordStart = t.start - (p.text.slice(Math.max(0, t.start - 24), t.start).length - k.index);
        if (!isDepartmentTotal(p.text, keywordStart, k[0])) break;
        putMoney(ctx, path, m, sourceInParagraph(ctx, p, keywordStart, t.end));
        break;
      }
    }
  }
  extractRates(ctx);
}

const COMPLETION_RE = /(?:预算完成率|预算执行率|完成预算的|完成年初预算的|完成全年预算的|执行率|支出率|完成率)(?:为|是|达到?|：|:)?\s*$/;
const ADJUSTMENT_RE = /(?:预算调整率(?:为|是|：|:)?|调整(?:资金|数|金额)?占(?:调整后?|年初)?预算(?:数|总额)?(?:的)?(?:比例)?(?:为)?)\s*$/;

function extractRates(ctx: ExtractContext): void {
  const actual = getPath(ctx.draft, 'budget.actualSpending') as { value?: string } | undefined;
  const completion: { text: string; src: ReturnType<typeof sourceInParagraph>; nearActual: boolean }[] = [];
  for (const p of ctx.seg.paragraphs) {
    if (!p.text.includes('%')) continue;
    for (const t of numbersOf(p)) {
      const pct = percentText(t);
      if (pct === undefined) continue;
      const before = p.text.slice(Math.max(0, t.start - 20), t.start);
      const k = COMPLETION_RE.exec(before);
      const a = ADJUSTMENT_RE.exec(before);
      const kwStart = t.start - before.length + (k?.index ?? a?.index ?? 0);
      if (!k && !a) continue;
      if (!isDepartmentTotal(p.text, kwStart, (k ?? a)![0])) continue;
      const src = sourceInParagraph(ctx, p, kwStart, t.end);
      if (a) putPrinted(ctx, 'budget.printed.adjustmentRate', `${pct}%`, src);
      else {
        const { sentence } = prefixes(p.text, t.start);
        completion.push({ text: `${pct}%`, src, nearActual: Boolean(actual?.value && sentence.includes(actual.value)) });
      }
    }
  }
  // The rate printed beside the actual spending figure is the department's; otherwise the first one.
  const best = completion.find((c) => c.nearActual) ?? completion[0];
  if (best) putPrinted(ctx, 'budget.printed.executionRate', best.text, best.src);
}
