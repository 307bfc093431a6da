/**
 * The narrative parts: problems (存在问题) and improvement measures (改进措施), the form's narrative cells
 * (预期目标, 目标完成情况, 重点项目绩效情况, 部门整体绩效), the department's functions (部门职能), and the indicator
 * counts a report declares ("共设立产出指标7个，其中数量指标1个…").
 */
import { compactLabel } from '../../core/text/normalize.ts';
import type { Section } from '../segment.ts';
import { type ExtractContext, put, sourceAt, sourceInParagraph } from './context.ts';

/** Splits a narrative into items at 一是/二是, (1), 1. and line breaks; short fragments join the previous item. */
export function splitItems(text: string): string[] {
  const parts = text
    .split(/\n|(?=[一二三四五六七八九十]是)|(?=[（(]\d{1,2}[）)])|(?<=[。；;])\s*(?=\d{1,2}[、.．](?!\d))/)
    .map((s) => s.trim())
    .filter(Boolean);
  const out: string[] = [];
  for (const p of parts) {
    if (out.length && p.length < 6) out[out.length - 1] += p;
    else out.push(p);
  }
  return out;
}

const FORM_NARRATIVES: readonly (readonly [RegExp, string])[] = [
  [/^存在(?:的)?(?:主要)?问题$/, 'problems'],
  [/^(?:改进措施|整改措施)(?:或下一步(?:工作)?计划)?$|^下一步(?:工作)?计划$/, 'measures'],
  [/^重点项目绩效情况$/, 'keyProjectNarrative'],
  [/^部门整体绩效$/, 'performanceNarrative'],
  [/^部门整体支出的预期目标$/, 'overallTarget'],
  [/^部门整体支出的目标完成情况$/, 'overallResult'],
];

/** A form's label cells followed by their text (on the same row, or below for the 年度目标 header). */
export function extractFormNarratives(ctx: ExtractContext): void {
  const isLabel = (c: string) => FORM_NARRATIVES.some(([re]) => re.test(compactLabel(c)));
  for (const table of ctx.seg.tables) {
    table.rows.forEach((row, r) => {
      // Per column, the first text cell right of it (computed once per row that has a label: a row of thousands of
      // label cells is not searched again from each).
      let textAfter: number[] | undefined;
      let firstOf: Map<string, number> | undefined;
      row.cells.forEach((cell, col) => {
        if (cell.length > 24 || cell.length < 4) return;
        const hit = FORM_NARRATIVES.find(([re]) => re.test(compactLabel(cell)));
        if (!hit) return;
        const [, path] = hit;
        // The text: the next filled cell on the row; for a column header (预期目标 over 完成情况), the same column below.
        textAfter ??= textCellsAfter(row.cells, isLabel);
        const at = textAfter[col]!;
        let text = at < row.cells.length ? row.cells[at] : undefined;
        let line = row.lines[0]!;
        if (text && !firstOf) {
          firstOf = new Map();
          for (let i = row.cells.length - 1; i >= 0; i--) firstOf.set(row.cells[i]!, i);
        }
        const sameRowCol = text ? firstOf!.get(text)! : -1;
        if (!text) {
          const below = table.rows[r + 1];
          const c = below?.cells[col] ?? '';
          if (below && c.length > 8 && !isLabel(c)) {
            text = c;
            line = below.cellLines[col] ?? below.lines[0]!;
          }
        }
        if (!text) return;
        const src = sourceAt(ctx, line, sameRowCol >= 0 ? sameRowCol : col, `${cell}：${text}`);
        if (path === 'problems' || path === 'measures') put(ctx, path, splitItems(text), `${splitItems(text).length} 条`, src);
        else put(ctx, path, text, `${text.length} 字`, src);
      });
    });
  }
}

/** For each column, the index of the first cell right of it longer than 8 characters that is not a label (or the row's length). */
function textCellsAfter(cells: readonly string[], isLabel: (c: string) => boolean): number[] {
  const out = new Array<number>(cells.length);
  let next = cells.length;
  for (let col = cells.length - 1; col >= 0; col--) {
    out[col] = next;
    const c = cells[col]!;
    if (c.length > 8 && !isLabel(c)) next = col;
  }
  return out;
}

const PROBLEM_HEADING = /问题/;
/** A sentence that says what will be done: a measure, not a problem. */
const MEASURE_SENTENCE = /^(?:下一步|今后|下阶段|我们将|我局将|本部门将|将)|下一步|将进一步|拟|加强|改进|完善|健全|提高|强化|加快|做好|落实/;
const MEASURE_HEADING = /改进|整改|措施|建议|下一步/;

/** A numbered line that ends a sentence ("1.部分项目支出进度偏慢，第四季度支出占全年四成。"). */
const SENTENCE_END = /[。；;！？!?]$/;

/**
 * The text lines of a section (its own heading excluded), joined into items. A sub-heading with text under it heads
 * that text ("预算执行不均衡：部分项目…"). A sub-heading with no text of its own before the next heading or the end is
 * an item by itself, kept as written: the segmenter takes any short numbered line for a heading, and "1.…。" with
 * nothing under it is the problem itself, not a title. A title without a sentence end that only groups numbered
 * sentences leads the first of them.
 */
function sectionItems(ctx: ExtractContext, s: Section): string[] {
  const items: string[] = [];
  let current = '';
  /** A heading waiting to see whether text follows it: its title, and its line as written. */
  let pending: { title: string; line: string; isSentence: boolean } | undefined;
  const flush = () => {
    if (pending) items.push(pending.line);
    else if (current) items.push(current);
    pending = undefined;
    current = '';
  };
  for (let i = s.line + 1; i <= s.end && i < ctx.seg.lines.length; i++) {
    const l = ctx.seg.lines[i]!;
    if (l.kind === 'blank' || l.kind === 'row') continue;
    const t = l.cells[0]!;
    if (l.heading) {
      const isSentence = SENTENCE_END.test(l.heading.title);
      if (pending && !pending.isSentence && isSentence) {
        // "（一）预算执行方面" over "1.…。": the group's title leads its first sentence.
        current = `${pending.title}：${t}`;
        pending = undefined;
        continue;
      }
      flush();
      pending = { title: l.heading.title.replace(/[。；;：:]$/, ''), line: t, isSentence };
      continue;
    }
    if (pending) {
      current = `${pending.title}：${t}`;
      pending = undefined;
      continue;
    }
    current = current && /[。；;]$/.test(current) ? (items.push(current), t) : current + t;
  }
  flush();
  return items.flatMap(splitItems).filter((x) => x.length >= 6);
}

/** A report's problem and measure sections, by their headings. */
export function extractSectionNarratives(ctx: ExtractContext): void {
  const kindOf = (title: string): 'problems' | 'measures' | 'both' | undefined => {
    const p = PROBLEM_HEADING.test(title);
    const m = MEASURE_HEADING.test(title) && !/经验|做法|结果应用|公开/.test(title);
    return p && m ? 'both' : p ? 'problems' : m ? 'measures' : undefined;
  };
  const sections = ctx.seg.sections;
  sections.forEach((s, si) => {
    const title = s.heading.title;
    const kind = kindOf(title);
    if (!kind) return;
    // An outer section ("三、总体评价和整改措施") whose subsections name problems or measures leaves them to those.
    // Sections are in document order, so its subsections are the ones right after it that start before it ends.
    for (let k = si + 1; k < sections.length && sections[k]!.line <= s.end; k++) if (sections[k]!.line > s.line && kindOf(sections[k]!.heading.title)) return;
    if (kind === 'both') {
      // "四、存在的问题及改进措施" with no subsections: its sentences that say what will be done are measures, the
      // others problems.
      const sentences = sectionItems(ctx, s).flatMap((x) => x.split(/(?<=[。！？；;])/).map((y) => y.trim())).filter((x) => x.length >= 6);
      const src = sourceAt(ctx, s.line, undefined, `${s.heading.marker}${title}`);
      const measures = sentences.filter((x) => MEASURE_SENTENCE.test(x));
      const problems = sentences.filter((x) => !MEASURE_SENTENCE.test(x));
      if (problems.length) put(ctx, 'problems', problems, `${problems.length} 条`, src);
      if (measures.length) put(ctx, 'measures', measures, `${measures.length} 条`, src);
      return;
    }
    const isProblem = kind === 'problems';
    const path = isProblem ? 'problems' : 'measures';
    const items = sectionItems(ctx, s);
    if (items.length) put(ctx, path, items, `${items.length} 条`, sourceAt(ctx, s.line, undefined, `${s.heading.marker}${title}`));
  });
}

/** 部门职能: the numbered items of the functions section. */
export function extractFunctions(ctx: ExtractContext): void {
  const s = ctx.seg.sections.find((x) => /职能|职责/.test(x.heading.title) && x.heading.level <= 2);
  if (!s) return;
  const items: string[] = [];
  for (const p of ctx.seg.paragraphs) {
    const line = p.pieces[0]!.line;
    if (line <= s.line || line > s.end) continue;
    const m = /^(\d{1,2})\s*[、.．](?!\d)\s*(.+)$/s.exec(p.text);
    // Only the list numbered 1, 2, 3 … without a gap; a later list in the section is something else.
    if (m && Number(m[1]) === items.length + 1) items.push(m[2]!.trim());
    else if (m && items.length) break;
  }
  if (items.length >= 2) put(ctx, 'functions', items, `${items.length} 项职能`, sourceAt(ctx, s.line, undefined, `${s.heading.marker}${s.heading.title}`));
}

const COUNT_RE = /(产出|效益|满意度|数量|质量|时效|成本|经济效益|社会效益|生态效益|文化效益|可持续(?:性|影响)?|服务对象满意度)指标(?:共)?(?:有)?\s*(\d{1,3})\s*个/g;

/** Indicator counts the text declares, for the audit to compare with the indicator table. */
export function extractIndicatorCounts(ctx: ExtractContext): void {
  const counts: Record<string, number> = {};
  let first: ReturnType<typeof sourceInParagraph> | undefined;
  for (const p of ctx.seg.paragraphs) {
    if (!p.text.includes('指标')) continue;
    for (const m of p.text.matchAll(COUNT_RE)) {
      const key = m[1]!.replace(/性$|影响$/, '');
      if (counts[key] !== undefined) continue;
      counts[key] = Number(m[2]);
      first ??= sourceInParagraph(ctx, p, m.index, m.index + m[0].length);
    }
  }
  if (first && Object.keys(counts).length >= 2) put(ctx, 'printedIndicatorCounts', counts, Object.entries(counts).map(([k, v]) => `${k} ${v}`).join('，'), first);
}
