/**
 * Identity: department, region and evaluation year. The department is read only where a document states it —
 * a 部门名称 label, the title lines, a 公章/填报单位 line — never guessed from mentions in the running text.
 */
import { compactLabel } from '../../core/text/normalize.ts';
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
  const region = m[1]!;
  if (NOT_A_PLACE_START.test(region) || region.length < 2) return undefined;
  return { name: `${region}${m[2]!}`, region, start: m.index };
}

const NAME_LABEL = /^(?:部门|单位|预算单位|评价单位|填报单位|报送单位|编报单位|自评单位)(?:（单位）|\(单位\))?(?:名称)?(?:[（(](?:汇总|公章|盖章)[）)])?$/;
const YEAR_LABEL = /^(?:被?评价年度|年度|所属年度|评价期间)$/;
/** 主管部门: the department of a department-wide form that prints no 部门名称. */
const SUPERVISOR_LABEL = /^(?:主管部门|主管单位)(?:名称)?(?:[（(](?:公章|盖章)[）)])?$/;

function yearIn(text: string): number | undefined {
  const m = /((?:19|20)\d{2})\s*年/.exec(text) ?? /^\s*((?:19|20)\d{2})\s*$/.exec(text);
  const y = m ? Number(m[1]) : Number.NaN;
  return y >= 1990 && y <= 2100 ? y : undefined;
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
 * A line that states something rather than names the document: it ends a sentence, or it gives an amount or a rate
 * ("2023年度本馆决算支出980万元。"). Such a line near the top is running text, and its year is not the document's.
 */
function isStatement(text: string): boolean {
  return /[。；;！？!?]\s*$/.test(text) || /\d\s*(?:万元|亿元|元|%)/.test(text);
}

export function extractIdentity(ctx: ExtractContext): void {
  const { lines } = ctx.seg;
  // 1. Labelled cells: 部门名称 | X, 被评价年度 | 2022 年 (forms), "部门名称（公章）：X" (report covers).
  for (const line of lines) {
    if (line.kind === 'blank') continue;
    // Per column, the next filled cell right of it: made once per line that has a label (a line of thousands of
    // cells is not searched again from each).
    let nextFilled: number[] | undefined;
    line.cells.forEach((cell, col) => {
      const colon = /^(.{2,16}?)[：:]\s*(.+)$/.exec(cell);
      const label = compactLabel(colon ? colon[1]! : cell);
      if (!NAME_LABEL.test(label) && !YEAR_LABEL.test(label)) return;
      nextFilled ??= filledAfter(line.cells);
      const valueCol = colon ? col : nextFilled[col]!;
      const value = colon ? colon[2]! : valueCol > col ? line.cells[valueCol]! : '';
      if (!value) return;
      if (NAME_LABEL.test(label)) {
        const org = findDepartmentName(value.replace(/\s/g, ''));
        const name = org?.name ?? (/^[\u4e00-\u9fa5（）()]{4,40}$/.test(value.replace(/\s/g, '')) ? value.replace(/\s/g, '') : undefined);
        if (name) {
          const src = sourceAt(ctx, line.index, valueCol, `${cell}${colon ? '' : ` ${value}`}`);
          put(ctx, 'department.name', name, name, src);
          if (org) put(ctx, 'department.region', org.region, org.region, src);
        }
      } else if (YEAR_LABEL.test(label)) {
        const y = yearIn(value);
        if (y) put(ctx, 'year', y, String(y), sourceAt(ctx, line.index, valueCol, `${cell} ${value}`));
      }
    });
  }
  // 2. Title lines at the top: "2023 年度某某市某某区某某局", "XX局2022年度部门整体支出绩效自评报告", "(2020年)".
  // A form's row of several labelled cells ("主管部门 | X | 财政处室 | Y | 自评总分 | 95") is not a title.
  let seen = 0;
  for (const line of lines) {
    if (line.kind === 'blank') continue;
    if (++seen > 12) break;
    if (line.kind === 'row' && line.cells.filter((c) => c.trim() !== '').length > 2) continue;
    const text = line.cells.join(' ');
    // A cover line that is a department's name and nothing else ("某省某某市某某局").
    const alone = findDepartmentName(text.replace(/\s/g, ''));
    if (alone && alone.start === 0 && alone.name.length === text.replace(/\s/g, '').length) {
      const src = sourceAt(ctx, line.index, undefined, text);
      put(ctx, 'department.name', alone.name, alone.name, src);
      put(ctx, 'department.region', alone.region, alone.region, src);
      continue;
    }
    const isTitle = /绩效|自评|评价|年度|报告|自评表/.test(text) && text.length <= 60 && !isStatement(text);
    if (!isTitle) continue;
    const y = /((?:19|20)\d{2})\s*年度?/.exec(text);
    if (y) put(ctx, 'year', Number(y[1]), y[1]!, sourceAt(ctx, line.index, undefined, text));
    const org = findDepartmentName(text.replace(/\s/g, ''));
    if (org) {
      const src = sourceAt(ctx, line.index, undefined, text);
      put(ctx, 'department.name', org.name, org.name, src);
      put(ctx, 'department.region', org.region, org.region, src);
    }
  }
  // 2b. A department-wide form that names no 部门名称 names its department as 主管部门 (重庆's 部门整体绩效自评表).
  if (ctx.draft['department'] === undefined || getPath(ctx.draft, 'department.name') === undefined) {
    for (const line of lines.slice(0, 40)) {
      const at = line.cells.findIndex((c) => SUPERVISOR_LABEL.test(compactLabel(c.replace(/[：:].*$/, ''))));
      if (at < 0) continue;
      const cell = line.cells[at]!;
      const colon = /[：:]\s*(.+)$/.exec(cell);
      const valueCol = colon ? at : line.cells.findIndex((c, i) => i > at && c.trim() !== '');
      const value = (colon ? colon[1]! : valueCol > at ? line.cells[valueCol]! : '').replace(/\s/g, '');
      if (!value) continue;
      const org = findDepartmentName(value);
      const name = org?.name ?? (/^[\u4e00-\u9fa5（）()]{4,40}$/.test(value) ? value : undefined);
      if (!name) continue;
      const src = sourceAt(ctx, line.index, valueCol, `${cell}${colon ? '' : ` ${value}`}`);
      put(ctx, 'department.name', name, name, src);
      if (org) put(ctx, 'department.region', org.region, org.region, src);
      break;
    }
  }
  // 3. The year most often written as "20xx 年度" in the document, when no title or label gave it.
  if (ctx.draft['year'] === undefined) {
    const counts = new Map<number, { n: number; line: number; text: string }>();
    for (const line of lines) {
      for (const cell of line.cells) {
        for (const m of cell.matchAll(/((?:19|20)\d{2})\s*年度/g)) {
          const y = Number(m[1]);
          const c = counts.get(y) ?? { n: 0, line: line.index, text: cell };
          c.n++;
          counts.set(y, c);
        }
      }
    }
    const best = [...counts.entries()].sort((a, b) => b[1].n - a[1].n)[0];
    if (best) put(ctx, 'year', best[0], String(best[0]), sourceAt(ctx, best[1].line, undefined, best[1].text));
  }
  // 4. 汇总 in the name label: the figures aggregate subordinate units.
  for (const line of lines.slice(0, 30)) {
    const c0 = compactLabel(line.cells[0] ?? '');
    if (/^部门名称[（(]汇总[）)]$/.test(c0)) put(ctx, 'department.isAggregate', true, '是', sourceAt(ctx, line.index, 0, line.cells[0]!));
  }
}
