/**
 * review: the 审核意见 a finance bureau sends back for one self-evaluation — the document reviewed, a conclusion, every
 * finding (category, severity, what is wrong, printed against computed value, where), the self-score against the
 * score the rubric gives on the document's own data, and a signature block. Built from the audit's JSON so that a
 * document and an evaluation file review alike.
 */
import type { AuditReportJson, FindingJson } from '../../core/audit/report.ts';
import { CATEGORY_LABELS, SEVERITY_LABELS } from '../../core/audit/types.ts';
import { differenceOf, subtractDecimal } from '../audit-html.ts';
import type { Block, Row, Table } from '../doc.ts';
import { label, para, text } from '../doc.ts';
import type { Notice, RenderResult, Template, TemplateInput } from './types.ts';

function where(f: FindingJson): string {
  return f.locations
    .map((l) => {
      const at: string[] = [];
      if (l.page !== undefined) at.push(`第 ${l.page} 页`);
      if (l.section) at.push(`“${l.section}”`);
      if (l.table) at.push(l.table);
      if (l.row !== undefined) at.push(`第 ${l.row} 行`);
      else if (l.line !== undefined) at.push(`第 ${l.line} 行`);
      const head = at.join(' ');
      return l.text ? `${head}${head ? '：' : ''}${l.text}` : head;
    })
    .filter(Boolean)
    .join('\n');
}

function conclusion(r: AuditReportJson): string {
  const { error, warning, info } = r.counts;
  const out: string[] = [];
  if (error === 0 && warning === 0) out.push(info > 0 ? `未发现须修改的问题；另有提示 ${info} 条，供参考。` : '未发现须修改的问题。');
  else out.push(`共发现错误 ${error} 条、警告 ${warning} 条${info ? `、提示 ${info} 条` : ''}；请逐条核实并修改后重新报送。`);
  // The same wording and sign (自评 − 复核) as the HTML review of `jixiao audit --format html`.
  const diff = differenceOf(r.selfScore, r.computedScore);
  if (diff !== null) out.push(`自评得分 ${r.selfScore} 分，按评分办法复核为 ${r.computedScore} 分，相差 ${diff} 分。`);
  return out.join('');
}

function findingsTable(r: AuditReportJson): Table {
  const body: Row[] = r.findings.map((f, i) => ({
    cells: [
      text(String(i + 1), { align: 'center' }),
      text(CATEGORY_LABELS[f.category].zh, { align: 'center' }),
      text(SEVERITY_LABELS[f.severity].zh, { align: 'center', bold: f.severity === 'error' }),
      text(f.message),
      text(f.printed ?? '—'),
      text(f.computed ?? '—'),
      text(where(f)),
    ],
  }));
  return {
    id: 'findings',
    sheet: '审核发现',
    caption: '审核发现',
    size: 'small',
    columns: [
      { key: 'no', width: 2.5, align: 'center' },
      { key: 'category', width: 5.5 },
      { key: 'severity', width: 3.5 },
      { key: 'message', width: 20 },
      { key: 'printed', width: 8 },
      { key: 'computed', width: 8 },
      { key: 'where', width: 16 },
    ],
    header: [{ cells: ['序号', '类别', '程度', '问题', '文件所载', '复核结果', '位置与原文'].map((s) => label(s)) }],
    body,
  };
}

function scoresTable(r: AuditReportJson): Table | undefined {
  const leaves = r.scores.filter((s) => s.self !== null || s.computed !== null);
  if (!leaves.length) return undefined;
  return {
    id: 'scores',
    sheet: '评分复核',
    caption: `评分复核${r.rubric ? `（${r.rubric.name}）` : ''}`,
    size: 'small',
    columns: [
      { key: 'item', width: 18 },
      { key: 'weight', width: 4, align: 'center' },
      { key: 'self', width: 5, align: 'right' },
      { key: 'computed', width: 5, align: 'right' },
      { key: 'diff', width: 5, align: 'right' },
      { key: 'basis', width: 20 },
    ],
    header: [{ cells: ['评分项', '分值', '自评得分', '复核得分', '差异（自评 − 复核）', '复核依据'].map((s) => label(s)) }],
    body: leaves.map((s) => ({
      cells: [
        text(s.path.join(' / ')),
        text(s.weight, { align: 'center' }),
        text(s.self ?? '—', { align: 'right' }),
        text(s.computed ?? '—', { align: 'right' }),
        text((s.self !== null && s.computed !== null ? subtractDecimal(s.self, s.computed) : null) ?? '—', { align: 'right' }),
        text(s.verifiable ? (s.basis ?? '') : `无法由数据复核${s.basis ? `：${s.basis}` : ''}`),
      ],
    })),
  };
}

export function reviewDoc(r: AuditReportJson): RenderResult {
  const notices: Notice[] = [];
  const info: Row[] = [
    { cells: [label('被审核文件'), text(r.file)] },
    { cells: [label('部门（单位）'), text(r.department ?? '—')] },
    { cells: [label('评价年度'), text(r.year === null ? '—' : `${r.year} 年`)] },
    { cells: [label('文件版式'), text(r.documentKindLabel)] },
    { cells: [label('评分标准'), text(r.rubric?.name ?? '—')] },
    { cells: [label('自评得分 / 复核得分'), text(`${r.selfScore ?? '—'} / ${r.computedScore ?? '—'}${r.maxScore ? `（满分 ${r.maxScore}）` : ''}`)] },
  ];
  const blocks: Block[] = [
    { kind: 'title', lines: ['部门整体支出绩效自评', '审核意见'] },
    { kind: 'table', table: { id: 'document', sheet: '审核对象', columns: [{ key: 'k', width: 8, align: 'center' }, { key: 'v', width: 30 }], header: [], body: info } },
    { kind: 'heading', level: 1, text: '一、审核结论' },
    para(conclusion(r)),
    { kind: 'heading', level: 1, text: '二、审核发现' },
  ];
  if (r.findings.length) blocks.push({ kind: 'table', table: findingsTable(r) });
  else blocks.push(para('无。'));
  const scores = scoresTable(r);
  if (scores) blocks.push({ kind: 'heading', level: 1, text: '三、评分复核' }, { kind: 'table', table: scores });
  blocks.push(
    para('审核单位（盖章）：', { indent: false, align: 'right' }),
    para('审核人：            审核日期：    年  月  日', { indent: false, align: 'right' }),
  );
  const title = `${r.department ?? r.file} ${r.year ?? ''} 年度部门整体支出绩效自评审核意见`.replace(/\s+/g, ' ').trim();
  return { doc: { meta: { title, subject: '审核意见', creator: 'jixiao', layout: 'report' }, blocks }, notices };
}

export const review: Template = {
  id: 'review',
  label: { zh: '审核意见', en: 'review report' },
  description: { zh: '审核结论、逐条审核发现（原文、核算值、位置）、评分复核、签章栏', en: 'conclusion, findings with source text and computed values, score review, signature block' },
  needs: ['audit'],
  build(input: TemplateInput): RenderResult {
    if (!input.audit) throw new Error('review template needs the audit report (programmer error)');
    return reviewDoc(input.audit);
  },
};
