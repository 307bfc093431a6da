/**
 * What a document evaluates: a department as a whole (部门整体支出), or one project or one earmarked fund (项目支出,
 * 专项资金, a transfer payment). A project report's own figures are named with 项目 ("项目资金共X万元", "项目预算执行率
 * 99%", "该项目自评得分95分"); in a department report the same words name a part of the budget. Decided by the layout
 * (a project form), else by the words of the title, the opening sentence and the first section heading — never by a
 * name or a figure.
 */
import { layoutById } from '../../core/layouts/index.ts';
import type { Segmented } from '../segment.ts';
import type { ExtractContext } from './context.ts';

export type DocumentSubject = 'department' | 'project';

/** A title that names the department as a whole: its figures are the department's even where 项目 also appears. */
const DEPARTMENT_TITLE = /整体|部门(?:支出)?绩效(?:自评|评价)|部门决算/;
/**
 * A title that names a project or a fund as what is evaluated: "…项目支出绩效自评报告", "…项目自评结果", "…专项资金
 * 绩效自评报告", "…发展资金绩效自评报告", "转移支付…自评".
 */
const PROJECT_TITLE = /项目|专项资金|转移支付|资金(?:项目)?(?:绩效)?(?:自评|评价)/;
/** The opening sentence of a report on a project: "现将…项目绩效自评…报告如下", "对…项目开展自评". */
const PROJECT_OPENING = /(?:现将|对)[^。]{0,80}(?:项目|专项资金|[^部门]资金)[^。]{0,12}(?:绩效)?(?:自评|评价)/;
/**
 * A first section heading of a project's or a fund's report: 项目概况, 项目基本情况, 专项资金基本情况, and 绩效目标分解下达
 * 情况 — the first part of the national outline of a transfer payment's self-evaluation report.
 */
const PROJECT_FIRST_HEADING = /^(?:项目|专项资金|资金)(?:基本)?(?:概况|情况)|^绩效目标分解下达情况/;
/** A title of a summary over several projects. */
const SUMMARY_TITLE = /总报告|汇总|各项目/;
/** Words of a document's title line. */
const TITLE_WORD = /绩效|自评|评价|报告|结果/;
/** Lines of a web page's frame above a title: 索引号, 发布机构, 发布日期, 来源, 浏览 … */
const PAGE_FRAME = /索引号|发布机构|发布日期|发布时间|来源[:：]|浏览|字体|当前位置|现在位置|您现在|首页/;

const SUBJECTS = new WeakMap<Segmented, DocumentSubject>();

/** The document's subject, decided once per document. */
export function documentSubject(ctx: ExtractContext): DocumentSubject {
  let s = SUBJECTS.get(ctx.seg);
  if (!s) {
    s = layoutById(ctx.kind).subject === 'project' ? 'project' : subjectFromText(ctx.seg);
    SUBJECTS.set(ctx.seg, s);
  }
  return s;
}

/**
 * The subject by the words of the document's top: the title lines above the first section heading (a title may be
 * split over lines: "某局2021年度" ⏎ "项目绩效自评报告"), else the opening sentence, else the first section heading.
 */
export function subjectFromText(seg: Segmented): DocumentSubject {
  const titles: string[] = [];
  let opening: string | undefined;
  let firstHeading: string | undefined;
  let seen = 0;
  for (const line of seg.lines) {
    if (line.kind === 'blank') continue;
    if (++seen > 30) break;
    if (line.heading && line.heading.level <= 2) {
      firstHeading = line.heading.title;
      break;
    }
    const filled = line.cells.filter((c) => c.trim() !== '');
    // A table's row is no title: a form's rows ("项目支出 | 120.00") say nothing of what the document evaluates.
    if (filled.length >= 2) {
      if (titles.length || opening !== undefined) break;
      continue;
    }
    const text = filled.join('').replace(/\s+/g, '');
    if (!text || PAGE_FRAME.test(text)) continue;
    if (text.length <= 80 && !/[。；;！？]$/.test(text)) titles.push(text);
    else if (opening === undefined && /如下|报告/.test(text)) opening = text;
  }
  const title = titles.filter((t) => TITLE_WORD.test(t) || /项目$/.test(t)).join('');
  // "…项目支出绩效自评总报告": a unit's summary of several projects, whose figures are each one project's.
  if (DEPARTMENT_TITLE.test(title) || SUMMARY_TITLE.test(title)) return 'department';
  if (PROJECT_TITLE.test(title)) return 'project';
  if (opening && !DEPARTMENT_TITLE.test(opening) && PROJECT_OPENING.test(opening)) return 'project';
  if (firstHeading !== undefined && PROJECT_FIRST_HEADING.test(firstHeading.replace(/\s+/g, ''))) return 'project';
  return 'department';
}

/** The title of a form or report: "部门预算项目支出绩效自评表（2023年度）", "…绩效自评报告", "…项目自评结果". */
const FORM_TITLE = /(?:自评表|评价表|自评报告|评价报告|自评结果|自评总结报告)(?:[（(][^（）()]{0,12}[)）])?$/;
/** Labels that open a form: a form whose rows came before them is this document's own. */
const FORM_OPENING_LABEL = /^(?:项目名称|部门名称|单位名称|部门[（(]单位[)）]名称|主管部门|实施单位|预算单位|转移支付(?:[（(]项目[)）])?名称)/;

const STARTS = new WeakMap<Segmented, number>();

/**
 * Where this document begins: after the tail of a previous form that a web page or an excerpt opens with (its last
 * indicator rows, its "合计 | 100 | 100"), the line of this document's own title. 0 when the document opens with its
 * own title or start — or when a row before the title names a form (项目名称, 主管部门 …): that form is this one.
 */
export function documentStart(seg: Segmented): number {
  let s = STARTS.get(seg);
  if (s === undefined) {
    s = findStart(seg);
    STARTS.set(seg, s);
  }
  return s;
}

function findStart(seg: Segmented): number {
  let rows = 0;
  let seen = 0;
  for (const line of seg.lines) {
    if (line.kind === 'blank') continue;
    if (++seen > 150) break;
    const filled = line.cells.map((c) => c.trim()).filter(Boolean);
    if (filled.some((c) => FORM_OPENING_LABEL.test(c.replace(/\s+/g, '')))) return 0;
    // A title line inside a table's run may come split into cells ("某某自评表（" | "2023" | "年度）").
    const text = filled.join('').replace(/\s+/g, '');
    if (filled.length <= 3 && text.length > 0 && text.length <= 60 && FORM_TITLE.test(text)) return rows > 0 ? line.index : 0;
    if (filled.length >= 2) rows++;
  }
  return 0;
}
