/**
 * Audit results as printable HTML: the review opinion (审核意见) a finance bureau sends back for one document, and
 * a summary page for a batch review. Pure: strings in, a self-contained HTML5 page out (inline CSS, no scripts, no
 * external resources), so the shell decides where it goes.
 */
import type { AuditReportJson, FindingJson } from '../core/audit/report.ts';
import { CATEGORY_LABELS, SEVERITY_LABELS, type Category, type Severity } from '../core/audit/types.ts';
import type { Lang } from '../core/messages.ts';

/** One document of a batch review; `failed` is the message when the file could not be read or audited. */
export interface SummaryRow {
  rank: number;
  file: string;
  department: string | null;
  year: number | null;
  documentKind: string;
  documentKindLabel: string;
  selfScore: string | null;
  computedScore: string | null;
  maxScore: string | null;
  errors: number;
  warnings: number;
  infos: number;
  failed?: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Small helpers

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML content and attribute values. */
function esc(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const DASH = '—';

function orDash(value: string | number | null | undefined): string {
  return value === null || value === undefined || value === '' ? DASH : esc(value);
}

interface Decimal {
  readonly digits: bigint;
  readonly scale: number;
}

/** "1.82" → 182 × 10⁻²; null for anything but a plain decimal literal. */
function parseDecimal(text: string): Decimal | null {
  const m = /^\s*([+-]?)(\d*)(?:\.(\d*))?\s*$/.exec(text);
  if (!m) return null;
  const whole = m[2] ?? '';
  const frac = m[3] ?? '';
  if (!whole && !frac) return null;
  const digits = BigInt(`${whole || '0'}${frac}`);
  return { digits: m[1] === '-' ? -digits : digits, scale: frac.length };
}

/** a − b exactly, as the shortest decimal text ("5" − "5.86" → "-0.86"); null when either is not a decimal. */
export function subtractDecimal(a: string, b: string): string | null {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  if (!x || !y) return null;
  const scale = Math.max(x.scale, y.scale);
  const diff = x.digits * 10n ** BigInt(scale - x.scale) - y.digits * 10n ** BigInt(scale - y.scale);
  const negative = diff < 0n;
  let body = (negative ? -diff : diff).toString().padStart(scale + 1, '0');
  if (scale > 0) {
    body = `${body.slice(0, -scale)}.${body.slice(-scale)}`.replace(/0+$/, '').replace(/\.$/, '');
  }
  return body === '0' ? '0' : `${negative ? '-' : ''}${body}`;
}

/** The difference when both are present and not equal, else null. */
export function differenceOf(self: string | null, computed: string | null): string | null {
  if (self === null || computed === null) return null;
  const d = subtractDecimal(self, computed);
  return d === null || d === '0' ? null : d;
}

const CHINESE_ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

function ordinal(i: number, lang: Lang): string {
  return lang === 'zh' ? `${CHINESE_ORDINALS[i] ?? String(i + 1)}、` : `${i + 1}. `;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function categoryLabel(c: Category, lang: Lang): string {
  const text = CATEGORY_LABELS[c][lang];
  return lang === 'en' ? capitalize(text) : text;
}

function severityLabel(s: Severity, lang: Lang): string {
  const text = SEVERITY_LABELS[s][lang];
  return lang === 'en' ? capitalize(text) : text;
}

/** The last part of a path, for chart labels. */
function baseName(file: string): string {
  return file.split(/[\\/]/).filter(Boolean).pop() ?? file;
}

/** At most `max` characters, with an ellipsis when cut (by code point, so CJK stays whole). */
function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

// ---------------------------------------------------------------------------------------------------------------
// Wording

const TEXT = {
  zh: {
    reviewTitle: '部门整体支出绩效自评审核意见',
    summaryTitle: '审核汇总',
    unnamed: '（未署名部门）',
    department: '被审核单位',
    year: '年度',
    kind: '文件类型',
    file: '文件',
    rubric: '评分办法',
    score: '得分',
    findings: '审核发现',
    selfScore: '自评',
    computedScore: '复核',
    maxScore: '满分',
    points: '分',
    differs: '相差',
    conclusion: '审核结论',
    detail: '问题清单',
    scoreTable: '评分复核表',
    item: '评分项',
    weight: '分值',
    self: '自评',
    computed: '复核',
    difference: '差异',
    basis: '依据',
    printed: '印出值',
    recomputed: '复核值',
    formula: '公式',
    notVerifiable: '※ 无法由文件数据复核，复核分沿用自评分。',
    generated: '由 jixiao 生成',
    recomputedNote: '文中数据均按报送文件自身所载数字重新计算核对，未引用外部数据；如对审核意见有异议，请附依据说明。',
    signUnit: '审核单位（盖章）',
    signPerson: '审核人',
    signDate: '日期',
    documents: '文件数',
    withErrors: '有错误',
    failed: '无法读取',
    rank: '序号',
    kindShort: '版式',
    selfShort: '自评分',
    computedShort: '复核分',
    errors: '错误',
    warnings: '警告',
    infos: '提示',
    chart: '得分一览',
    chartNote: '条形为复核分（满分不同时按得分率绘制）；浅色条为无复核分时的自评分。红色表示该文件有错误。',
    totalsErrors: '错误合计',
    totalsWarnings: '警告合计',
    fieldLabel: '字段',
    deltaTitle: '自评分 − 复核分',
  },
  en: {
    reviewTitle: 'Review of the performance self-evaluation',
    summaryTitle: 'Review summary',
    unnamed: '(unnamed department)',
    department: 'Department',
    year: 'Year',
    kind: 'Document kind',
    file: 'File',
    rubric: 'Rubric',
    score: 'Score',
    findings: 'Findings',
    selfScore: 'self',
    computedScore: 'recomputed',
    maxScore: 'out of',
    points: '',
    differs: 'difference',
    conclusion: 'Conclusion',
    detail: 'Findings',
    scoreTable: 'Score review',
    item: 'Item',
    weight: 'Weight',
    self: 'Self',
    computed: 'Recomputed',
    difference: 'Difference',
    basis: 'Basis',
    printed: 'printed',
    recomputed: 'computed',
    formula: 'formula',
    notVerifiable: '※ cannot be verified from the document’s data; the self-score stands.',
    generated: 'Generated by jixiao',
    recomputedNote: 'All figures were recomputed from the document’s own data; no outside data was used.',
    signUnit: 'Reviewing office (seal)',
    signPerson: 'Reviewer',
    signDate: 'Date',
    documents: 'Documents',
    withErrors: 'With errors',
    failed: 'Failed',
    rank: '#',
    kindShort: 'Kind',
    selfShort: 'Self',
    computedShort: 'Recomputed',
    errors: 'Errors',
    warnings: 'Warnings',
    infos: 'Info',
    chart: 'Scores',
    chartNote: 'Bars show the recomputed score (as a share of full marks when these differ); pale bars the self-score where there is none. Red: the document has errors.',
    totalsErrors: 'Errors in all',
    totalsWarnings: 'Warnings in all',
    fieldLabel: 'field',
    deltaTitle: 'self − recomputed',
  },
} as const satisfies Record<Lang, Record<string, string>>;

type Words = (typeof TEXT)[Lang];

// ---------------------------------------------------------------------------------------------------------------
// Page shell

const BODY_FONT = '"Noto Serif CJK SC", "Source Han Serif SC", "Source Han Serif", "Songti SC", "SimSun", "FangSong", serif';
const HEAD_FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

const BASE_CSS = `
@page { size: A4; margin: 20mm 18mm 20mm 18mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 180mm; padding: 12mm 0; font-family: ${BODY_FONT}; font-size: 10.5pt; line-height: 1.65; color: #1a1a1a; background: #fff; }
h1, h2, h3, th, .badge, .meta th, .totals, .footer, .chart-note { font-family: ${HEAD_FONT}; }
h1 { font-size: 17pt; text-align: center; margin: 0 0 6mm; letter-spacing: 0.05em; }
h2 { font-size: 12.5pt; margin: 7mm 0 3mm; padding-bottom: 1mm; border-bottom: 1.5px solid #333; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 11pt; margin: 5mm 0 2mm; break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 2mm; }
table { border-collapse: collapse; width: 100%; }
thead { display: table-header-group; }
tr, .finding, .signature { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 0.6pt solid #888; padding: 1.2mm 2mm; vertical-align: top; text-align: left; }
th { background: #f0f0f0; font-weight: 600; font-size: 9.5pt; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.center { text-align: center; }
.muted { color: #666; }
.small { font-size: 8.5pt; }
.footer { margin-top: 10mm; padding-top: 2mm; border-top: 0.6pt solid #aaa; font-size: 8.5pt; color: #555; }
.footer p { margin: 0; }
.badge { display: inline-block; min-width: 3.2em; padding: 0 1.5mm; border-radius: 1mm; font-size: 8.5pt; line-height: 1.6; text-align: center; color: #fff; white-space: nowrap; }
.badge.error { background: #c62828; }
.badge.warning { background: #e69500; color: #1a1a1a; }
.badge.info { background: #8a8a8a; }
@media screen { body { padding: 12mm 8mm; } }
`;

function page(lang: Lang, title: string, css: string, body: string): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="jixiao">',
    `<title>${esc(title)}</title>`,
    `<style>${BASE_CSS}${css}</style>`,
    '</head>',
    '<body>',
    body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// Review of one document

const REVIEW_CSS = `
.meta th { width: 24%; }
.meta td .sep { color: #888; margin: 0 1.5mm; }
.conclusion { border-left: 3px solid #333; padding: 1.5mm 0 1.5mm 3mm; background: #fafafa; }
.conclusion.clean { border-left-color: #2e7d32; }
.conclusion.bad { border-left-color: #c62828; }
.finding { display: grid; grid-template-columns: 8mm 1fr; column-gap: 2mm; padding: 2mm 0; border-bottom: 0.6pt dotted #bbb; }
.finding:last-child { border-bottom: none; }
.finding .no { font-family: ${HEAD_FONT}; font-weight: 600; text-align: right; color: #333; }
.finding .head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 2mm; }
.finding .title { font-family: ${HEAD_FONT}; font-weight: 600; }
.finding .rule { font-family: ui-monospace, "DejaVu Sans Mono", Consolas, monospace; font-size: 8pt; color: #888; }
.finding .message { margin: 1mm 0; }
.finding .values { margin: 0.5mm 0; font-size: 9.5pt; }
.finding .values span + span { margin-left: 4mm; }
.finding .values b { font-family: ${HEAD_FONT}; font-weight: 600; color: #555; margin-right: 1mm; }
.finding .values code, .finding .formula code { font-family: ui-monospace, "DejaVu Sans Mono", Consolas, ${HEAD_FONT}, monospace; font-size: 9pt; background: #f3f3f3; padding: 0 1mm; border-radius: 0.8mm; }
.finding .formula { font-size: 9.5pt; color: #333; }
.finding.error .no { color: #c62828; }
.locations { list-style: none; margin: 1mm 0 0; padding: 0; }
.locations li { margin: 1mm 0 0; }
.where { font-family: ${HEAD_FONT}; font-size: 8.5pt; color: #555; }
.where .role { color: #1a1a1a; font-weight: 600; }
blockquote { margin: 0.5mm 0 0; padding: 0.8mm 2.5mm; border-left: 2px solid #b0b0b0; background: #f7f7f5; font-size: 9.5pt; color: #333; white-space: pre-wrap; overflow-wrap: anywhere; }
.scores td.item { overflow-wrap: anywhere; }
.scores td.basis { font-size: 8.5pt; color: #444; overflow-wrap: anywhere; }
.scores tr.top td { font-weight: 600; background: #fbfbfb; }
.scores tr.top td.basis { font-weight: normal; }
.scores tr.differs td { background: #fff4e0; }
.scores tr.differs td.diff { color: #b23c00; font-weight: 700; }
.scores .unverified { color: #888; }
.scores + p { margin-top: 1.5mm; }
.signature { margin-top: 12mm; display: flex; justify-content: flex-end; gap: 10mm; font-family: ${HEAD_FONT}; font-size: 10pt; }
.signature span { display: inline-block; min-width: 30mm; border-bottom: 0.6pt solid #333; margin-left: 1mm; }
`;

function scoreLine(report: AuditReportJson, w: Words, lang: Lang): string {
  const unit = w.points;
  const self = report.selfScore === null ? DASH : `${esc(report.selfScore)}${unit ? ` ${unit}` : ''}`;
  const computed = report.computedScore === null ? DASH : `${esc(report.computedScore)}${unit ? ` ${unit}` : ''}`;
  const max = orDash(report.maxScore);
  const diff = differenceOf(report.selfScore, report.computedScore);
  const parts = [`${w.selfScore} ${self}`, `${w.computedScore} ${computed}`, `${w.maxScore} ${max}`];
  const sep = `<span class="sep">${lang === 'zh' ? '／' : '/'}</span>`;
  let html = parts.join(sep);
  if (diff !== null) html += `${sep}<strong>${w.differs} ${esc(diff)}${unit && lang === 'zh' ? ` ${unit}` : ''}</strong>`;
  return html;
}

function countsLine(c: AuditReportJson['counts'], lang: Lang): string {
  const items: [Severity, number][] = [
    ['error', c.error],
    ['warning', c.warning],
    ['info', c.info],
  ];
  return items
    .map(([s, n]) => `<span class="badge ${s}">${esc(severityLabel(s, lang))}</span> ${n}`)
    .join(lang === 'zh' ? '　' : '&emsp;');
}

function conclusion(report: AuditReportJson, w: Words, lang: Lang): string {
  const { error, warning, info } = report.counts;
  const sentences: string[] = [];
  if (lang === 'zh') {
    if (error === 0 && warning === 0) {
      sentences.push(info > 0 ? `未发现须修改的问题；另有提示 ${info} 条，供参考。` : '未发现须修改的问题。');
    } else {
      const parts = [`错误 ${error} 条`, `警告 ${warning} 条`];
      if (info > 0) parts.push(`提示 ${info} 条`);
      sentences.push(`共发现${parts.join('、')}；请逐条核实并修改后重新报送。`);
    }
  } else {
    const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
    if (error === 0 && warning === 0) {
      sentences.push(info > 0 ? `No problems requiring correction were found; ${plural(info, 'note is', 'notes are')} given for reference.` : 'No problems requiring correction were found.');
    } else {
      const parts = [plural(error, 'error', 'errors'), plural(warning, 'warning', 'warnings')];
      if (info > 0) parts.push(plural(info, 'note', 'notes'));
      const list = parts.length === 3 ? `${parts[0]}, ${parts[1]} and ${parts[2]}` : parts.join(' and ');
      sentences.push(`Found ${list}; please check and correct each item, then resubmit.`);
    }
  }
  const diff = differenceOf(report.selfScore, report.computedScore);
  if (diff !== null && report.selfScore !== null && report.computedScore !== null) {
    sentences.push(
      lang === 'zh'
        ? `自评得分 ${esc(report.selfScore)} 分，按评分办法复核为 ${esc(report.computedScore)} 分，相差 ${esc(diff)} 分。`
        : `The self-score is ${esc(report.selfScore)}; recomputed under the rubric it is ${esc(report.computedScore)} (difference ${esc(diff)}).`,
    );
  }
  const cls = error > 0 ? 'bad' : warning === 0 ? 'clean' : '';
  return `<h2>${w.conclusion}</h2>\n<p class="conclusion${cls ? ` ${cls}` : ''}">${sentences.join(lang === 'zh' ? '' : ' ')}</p>`;
}

type Location = FindingJson['locations'][number];

function locationWhere(l: Location, report: AuditReportJson, w: Words, lang: Lang): string {
  const parts: string[] = [];
  if (l.file && l.file !== report.file) parts.push(esc(baseName(l.file)));
  if (l.page !== undefined) parts.push(lang === 'zh' ? `第 ${l.page} 页` : `page ${l.page}`);
  if (l.section) parts.push(lang === 'zh' ? `“${esc(l.section)}”部分` : `section “${esc(l.section)}”`);
  if (l.table) parts.push(lang === 'zh' ? `表“${esc(l.table)}”` : `table “${esc(l.table)}”`);
  if (l.row !== undefined) parts.push(lang === 'zh' ? `第 ${l.row} 行` : `row ${l.row}`);
  if (l.column !== undefined) parts.push(lang === 'zh' ? `第 ${l.column} 列` : `column ${l.column}`);
  if (l.line !== undefined) parts.push(lang === 'zh' ? `行号 ${l.line}` : `line ${l.line}`);
  else if (l.field) parts.push(`${w.fieldLabel} <code>${esc(l.field)}</code>`);
  return parts.join(lang === 'zh' ? '，' : ', ');
}

function renderLocation(l: Location, report: AuditReportJson, w: Words, lang: Lang): string {
  const where = locationWhere(l, report, w, lang);
  const role = l.role ? `<span class="role">${esc(l.role[lang])}</span>` : '';
  const colon = role && where ? (lang === 'zh' ? '：' : ': ') : '';
  const head = role || where ? `<div class="where">${role}${colon}${where}</div>` : '';
  const quote = l.text ? `<blockquote>${esc(l.text)}</blockquote>` : '';
  return `<li>${head}${quote}</li>`;
}

function renderFinding(f: FindingJson, no: number, report: AuditReportJson, w: Words, lang: Lang): string {
  const values: string[] = [];
  if (f.printed !== null) values.push(`<span><b>${w.printed}</b><code>${esc(f.printed)}</code></span>`);
  if (f.computed !== null) values.push(`<span><b>${w.recomputed}</b><code>${esc(f.computed)}</code></span>`);
  const lines = [
    `<div class="finding ${f.severity}">`,
    `<div class="no">${no}.</div>`,
    '<div class="body">',
    `<div class="head"><span class="badge ${f.severity}">${esc(severityLabel(f.severity, lang))}</span><span class="title">${esc(f.title)}</span><span class="rule">${esc(f.rule)}</span></div>`,
    `<p class="message">${esc(f.message)}</p>`,
  ];
  if (values.length) lines.push(`<div class="values">${values.join('')}</div>`);
  if (f.formula !== null) lines.push(`<div class="formula"><b>${w.formula}</b>${lang === 'zh' ? '：' : ': '}<code>${esc(f.formula)}</code></div>`);
  if (f.locations.length) lines.push(`<ul class="locations">${f.locations.map((l) => renderLocation(l, report, w, lang)).join('')}</ul>`);
  lines.push('</div>', '</div>');
  return lines.join('\n');
}

const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

function renderFindings(report: AuditReportJson, w: Words, lang: Lang): string {
  const out: string[] = [];
  let no = 0;
  let group = 0;
  for (const category of Object.keys(CATEGORY_LABELS) as Category[]) {
    const items = report.findings
      .filter((f) => f.category === category)
      .map((f, i) => ({ f, i }))
      .sort((a, b) => SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || a.i - b.i)
      .map((x) => x.f);
    if (!items.length) continue;
    out.push(`<section class="category" data-category="${esc(category)}">`);
    out.push(`<h3>${ordinal(group++, lang)}${esc(categoryLabel(category, lang))}<span class="muted small">${lang === 'zh' ? `（${items.length} 条）` : ` (${items.length})`}</span></h3>`);
    for (const f of items) out.push(renderFinding(f, ++no, report, w, lang));
    out.push('</section>');
  }
  if (!out.length) return '';
  return `<h2>${w.detail}</h2>\n${out.join('\n')}`;
}

function renderScores(report: AuditReportJson, w: Words): string {
  if (!report.scores.length) return '';
  let anyUnverified = false;
  const rows = report.scores.map((s) => {
    const name = s.path[s.path.length - 1] ?? '';
    const diff = differenceOf(s.self, s.computed);
    const classes = [s.depth === 0 ? 'top' : '', diff !== null ? 'differs' : ''].filter(Boolean).join(' ');
    // Only a figure carried over from the self-score needs the mark; a blank is explained by the basis.
    const unverified = !s.verifiable && s.computed !== null;
    if (unverified) anyUnverified = true;
    const computed = s.computed === null ? DASH : esc(s.computed);
    return [
      `<tr${classes ? ` class="${classes}"` : ''}>`,
      `<td class="item" style="padding-left: ${(2 + s.depth * 4).toFixed(0)}mm">${esc(name)}</td>`,
      `<td class="num">${esc(s.weight)}</td>`,
      `<td class="num">${orDash(s.self)}</td>`,
      `<td class="num${unverified ? ' unverified' : ''}">${computed}${unverified ? '<sup>※</sup>' : ''}</td>`,
      `<td class="num diff">${diff === null ? '' : esc(diff)}</td>`,
      `<td class="basis">${s.basis === null ? '' : esc(s.basis)}</td>`,
      '</tr>',
    ].join('');
  });
  const note = anyUnverified ? `<p class="muted small">${w.notVerifiable}</p>` : '';
  return [
    `<h2>${w.scoreTable}</h2>`,
    '<table class="scores">',
    '<colgroup><col style="width: 30%"><col style="width: 8%"><col style="width: 8%"><col style="width: 9%"><col style="width: 8%"><col></colgroup>',
    `<thead><tr><th>${w.item}</th><th class="num">${w.weight}</th><th class="num">${w.self}</th><th class="num">${w.computed}</th><th class="num">${w.difference}</th><th>${w.basis}</th></tr></thead>`,
    `<tbody>\n${rows.join('\n')}\n</tbody>`,
    '</table>',
    note,
  ]
    .filter(Boolean)
    .join('\n');
}

function footer(w: Words): string {
  return `<div class="footer"><p>${w.generated}</p><p>${w.recomputedNote}</p></div>`;
}

/** The review opinion (审核意见) for one audited document, as a complete printable HTML page. */
export function renderReviewHtml(report: AuditReportJson, lang: Lang): string {
  const w = TEXT[lang];
  const department = report.department ?? w.unnamed;
  const meta = [
    [w.department, esc(department)],
    [w.year, orDash(report.year)],
    [w.kind, orDash(report.documentKindLabel)],
    [w.file, `<span style="overflow-wrap: anywhere">${esc(report.file)}</span>`],
    [w.rubric, report.rubric ? esc(report.rubric.name) : DASH],
    [w.score, scoreLine(report, w, lang)],
    [w.findings, countsLine(report.counts, lang)],
  ];
  const body = [
    `<h1>${w.reviewTitle}</h1>`,
    `<table class="meta"><tbody>${meta.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join('')}</tbody></table>`,
    conclusion(report, w, lang),
    renderFindings(report, w, lang),
    renderScores(report, w),
    `<div class="signature"><div>${w.signUnit}<span></span></div><div>${w.signPerson}<span></span></div><div>${w.signDate}<span></span></div></div>`,
    footer(w),
  ]
    .filter(Boolean)
    .join('\n');
  const title = `${w.reviewTitle}${lang === 'zh' ? '——' : ' — '}${department}${report.year !== null ? ` ${report.year}` : ''}`;
  return page(lang, title, REVIEW_CSS, body);
}

// ---------------------------------------------------------------------------------------------------------------
// Batch summary

const SUMMARY_CSS = `
.totals { display: flex; flex-wrap: wrap; gap: 3mm; margin: 0 0 5mm; }
.totals div { flex: 1 1 0; min-width: 28mm; border: 0.6pt solid #999; border-radius: 1mm; padding: 1.5mm 3mm; }
.totals .n { display: block; font-size: 16pt; font-weight: 700; line-height: 1.3; }
.totals .label { font-size: 9pt; color: #555; }
.totals .bad .n { color: #c62828; }
.summary { font-size: 9.5pt; }
.summary th { white-space: nowrap; }
.summary th.sortable::after { content: " ⇅"; color: #aaa; font-weight: normal; font-size: 8pt; }
.summary td.file { font-size: 8.5pt; color: #444; overflow-wrap: anywhere; word-break: break-all; }
.summary tbody tr:nth-child(even) td { background: #fafafa; }
.summary tr.has-errors td { background: #fdecea !important; }
.summary tr.has-errors td.errors { color: #c62828; font-weight: 700; }
.summary tr.failed td { background: #f2f2f2 !important; color: #666; }
.summary td.failure { color: #8a1c1c; font-style: italic; }
.summary .delta { display: block; font-size: 7.5pt; color: #b23c00; }
.chart { margin-top: 3mm; }
.chart svg { width: 100%; height: auto; display: block; }
.chart-note { font-size: 8.5pt; color: #555; margin-top: 1mm; }
`;

function summaryTotals(rows: readonly SummaryRow[], w: Words): string {
  const failed = rows.filter((r) => r.failed !== undefined).length;
  const withErrors = rows.filter((r) => r.failed === undefined && r.errors > 0).length;
  const errors = rows.reduce((n, r) => n + (r.failed === undefined ? r.errors : 0), 0);
  const warnings = rows.reduce((n, r) => n + (r.failed === undefined ? r.warnings : 0), 0);
  const box = (cls: string, key: string, n: number, label: string) => `<div class="${cls}" data-total="${key}"><span class="n">${n}</span><span class="label">${label}</span></div>`;
  return [
    '<div class="totals">',
    box('', 'documents', rows.length, w.documents),
    box(withErrors > 0 ? 'bad' : '', 'with-errors', withErrors, w.withErrors),
    box(failed > 0 ? 'bad' : '', 'failed', failed, w.failed),
    box('', 'errors', errors, w.totalsErrors),
    box('', 'warnings', warnings, w.totalsWarnings),
    '</div>',
  ].join('\n');
}

function summaryRow(r: SummaryRow, w: Words): string {
  const department = r.department ?? w.unnamed;
  const head = [
    `<td class="num">${r.rank}</td>`,
    `<td>${r.department === null ? `<span class="muted">${esc(department)}</span>` : esc(department)}</td>`,
    `<td class="center">${orDash(r.year)}</td>`,
    `<td>${orDash(r.documentKindLabel)}</td>`,
  ];
  const file = `<td class="file">${esc(r.file)}</td>`;
  if (r.failed !== undefined) {
    return `<tr class="failed">${head.join('')}<td colspan="5" class="failure">${esc(r.failed)}</td>${file}</tr>`;
  }
  const diff = differenceOf(r.selfScore, r.computedScore);
  const cells = [
    `<td class="num">${orDash(r.selfScore)}</td>`,
    `<td class="num">${orDash(r.computedScore)}${diff !== null ? `<span class="delta" title="${w.deltaTitle}">Δ ${diff.startsWith('-') ? '' : '+'}${esc(diff)}</span>` : ''}</td>`,
    `<td class="num errors">${r.errors}</td>`,
    `<td class="num">${r.warnings}</td>`,
    `<td class="num">${r.infos}</td>`,
  ];
  return `<tr${r.errors > 0 ? ' class="has-errors"' : ''}>${head.join('')}${cells.join('')}${file}</tr>`;
}

function summaryTable(rows: readonly SummaryRow[], w: Words): string {
  const th = (label: string, cls = '') => `<th class="sortable${cls ? ` ${cls}` : ''}">${label}</th>`;
  return [
    '<table class="summary">',
    '<colgroup><col style="width: 6%"><col style="width: 19%"><col style="width: 7%"><col style="width: 11%"><col style="width: 8%"><col style="width: 8%"><col style="width: 6%"><col style="width: 6%"><col style="width: 6%"><col></colgroup>',
    `<thead><tr>${th(w.rank, 'num')}${th(w.department)}${th(w.year)}${th(w.kindShort)}${th(w.selfShort, 'num')}${th(w.computedShort, 'num')}${th(w.errors, 'num')}${th(w.warnings, 'num')}${th(w.infos, 'num')}${th(w.file)}</tr></thead>`,
    `<tbody>\n${rows.map((r) => summaryRow(r, w)).join('\n')}\n</tbody>`,
    '</table>',
  ].join('\n');
}

/** Horizontal bars of each document's score (recomputed, else self), as inline SVG. */
function summaryChart(rows: readonly SummaryRow[], w: Words): string {
  const bars = rows
    .filter((r) => r.failed === undefined)
    .map((r) => {
      const text = r.computedScore ?? r.selfScore;
      const value = text === null ? NaN : Number(text);
      const max = r.maxScore === null ? NaN : Number(r.maxScore);
      return { r, text, value, max, fromSelf: r.computedScore === null };
    })
    .filter((b): b is typeof b & { text: string } => b.text !== null && Number.isFinite(b.value));
  if (!bars.length) return '';
  // Geometry only: the labels show the exact decimal text. With one full mark for all, bars share its axis; with
  // several (a 20-point form beside a 100-point report) each bar is drawn as a share of its own full mark.
  const maxes = [...new Set(bars.map((b) => b.max))];
  const shared = maxes.length === 1 && Number.isFinite(maxes[0]!) && maxes[0]! > 0 ? maxes[0]! : null;
  const fallback = Math.max(100, ...bars.map((b) => b.value));
  const fullOf = (b: (typeof bars)[number]) => (shared ?? (Number.isFinite(b.max) && b.max > 0 ? b.max : fallback));
  const ratioOf = (b: (typeof bars)[number]) => Math.min(1, Math.max(0, b.value / fullOf(b)));
  const width = 680;
  const labelW = 190;
  const valueW = shared === null ? 80 : 50;
  const barW = width - labelW - valueW;
  const rowH = 20;
  const top = 18;
  const height = top + bars.length * rowH + 6;
  const x = (ratio: number) => labelW + ratio * barW;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(w.chart)}" font-family='${HEAD_FONT.replace(/'/g, '')}' font-size="11">`,
  ];
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    const tx = x(t).toFixed(1);
    const tick = shared === null ? `${t * 100}%` : String(Number((t * shared).toFixed(2)));
    out.push(`<line x1="${tx}" y1="${top - 4}" x2="${tx}" y2="${height - 4}" stroke="#ddd" stroke-width="1"/>`);
    out.push(`<text x="${tx}" y="${top - 7}" text-anchor="middle" fill="#888" font-size="9">${esc(tick)}</text>`);
  }
  bars.forEach((b, i) => {
    const y = top + i * rowH;
    const name = b.r.department ?? baseName(b.r.file);
    const label = `${b.r.rank}. ${clip(name, 14)}`;
    const fill = b.r.errors > 0 ? '#c62828' : '#2f6db5';
    const end = x(ratioOf(b));
    const value = shared === null && b.r.maxScore !== null ? `${b.text} / ${b.r.maxScore}` : b.text;
    out.push(`<g><title>${esc(`${name}${b.r.year !== null ? ` ${b.r.year}` : ''}: ${value}`)}</title>`);
    out.push(`<text x="${labelW - 6}" y="${y + rowH / 2 + 4}" text-anchor="end" fill="#222">${esc(label)}</text>`);
    out.push(`<rect x="${labelW}" y="${y + 3}" width="${barW}" height="${rowH - 6}" fill="#f1f1f1" rx="1.5"/>`);
    out.push(`<rect x="${labelW}" y="${y + 3}" width="${(end - labelW).toFixed(1)}" height="${rowH - 6}" fill="${fill}"${b.fromSelf ? ' fill-opacity="0.35"' : ''} rx="1.5"/>`);
    out.push(`<text x="${(end + 4).toFixed(1)}" y="${y + rowH / 2 + 4}" fill="#222">${esc(value)}</text>`);
    out.push('</g>');
  });
  out.push('</svg>');
  return [`<h2>${w.chart}</h2>`, `<div class="chart">${out.join('')}</div>`, `<p class="chart-note">${w.chartNote}</p>`].join('\n');
}

/** A batch review's summary page: totals, one row per document in the given order, and a bar chart of the scores. */
export function renderSummaryHtml(rows: readonly SummaryRow[], lang: Lang, title?: string): string {
  const w = TEXT[lang];
  const heading = title ?? w.summaryTitle;
  const body = [`<h1>${esc(heading)}</h1>`, summaryTotals(rows, w), summaryTable(rows, w), summaryChart(rows, w), footer(w)].filter(Boolean).join('\n');
  return page(lang, heading, SUMMARY_CSS, body);
}
