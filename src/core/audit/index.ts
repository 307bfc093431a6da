/**
 * The audit: every rule of the registry run over one evaluation, findings sorted by where they are in the document.
 * Pure: the shells read files and pass the evaluation, the rubric and the narrative passages in.
 */
import { ARITHMETIC_RULES } from './rules/arithmetic.ts';
import { CROSS_REFERENCE_RULES } from './rules/crossref.ts';
import { FORMULA_TABLE_RULES } from './rules/formula-table.ts';
import { PLAUSIBILITY_RULES } from './rules/plausibility.ts';
import { RUBRIC_RULES } from './rules/rubric.ts';
import type { RuleImpl } from './rules/rule.ts';
import { SCORE_ARITHMETIC_RULES, SCORE_RUBRIC_RULES } from './rules/scores.ts';
import { TARGET_RULES } from './rules/targets.ts';
import { buildContext, t } from './context.ts';
import { type AuditInput, type AuditRule, type Finding, type FindingLocation, SEVERITIES, type Severity } from './types.ts';
import type { ScoreReport } from '../rubric/engine.ts';

export * from './types.ts';
export { passagesOf } from './context.ts';

const NO_FIGURES: RuleImpl = {
  code: 'no-figures',
  category: 'targets',
  severity: 'info',
  title: t('未找到可核对的数字', 'no figures to check'),
  description: t('文件中没有可识别的预算数、指标、任务或自评分：只给这一条提示，不做其他核对。', 'The document has no recognisable budget figure, indicator, task or self-score: this one finding replaces all others.'),
  run: () => [
    {
      message: t('文件中未找到可核对的数字（预算数、绩效指标、重点任务、自评分均无）：请确认这是部门整体支出绩效自评表或自评报告，扫描件须先做文字识别。', 'No figures found to check (no budget, indicator, task or self-score): is this a self-evaluation form or report? Scans need OCR first.'),
      locations: [],
    },
  ],
};

/** Not a check: what a rule that faulted on a document leaves instead of its findings. */
const RULE_FAILED: RuleImpl = {
  code: 'rule-failed',
  category: 'targets',
  severity: 'warning',
  title: t('规则未能运行', 'a rule could not run'),
  description: t('某条规则在这份文件上出错时，代替其发现给出这一条（写明规则与原因），其余规则照常运行。', 'When a rule faults on a document, this one finding (naming the rule and the cause) replaces its findings; the other rules run as usual.'),
  run: () => [],
};

/** Every rule, in the order they are documented (docs/audit.md). */
export const RULES: readonly RuleImpl[] = [
  ...ARITHMETIC_RULES,
  ...FORMULA_TABLE_RULES,
  ...SCORE_ARITHMETIC_RULES,
  ...CROSS_REFERENCE_RULES,
  ...RUBRIC_RULES,
  ...SCORE_RUBRIC_RULES,
  ...TARGET_RULES,
  ...PLAUSIBILITY_RULES,
  NO_FIGURES,
];
export const RULES_BY_CODE: ReadonlyMap<string, AuditRule> = new Map([...RULES, RULE_FAILED].map((r) => [r.code, r]));

export interface AuditResult {
  readonly findings: readonly Finding[];
  readonly counts: Readonly<Record<Severity, number>>;
  readonly score?: ScoreReport;
}

function position(l: FindingLocation | undefined): number[] {
  if (!l) return [Number.MAX_SAFE_INTEGER];
  return [l.page ?? 0, l.line ?? Number.MAX_SAFE_INTEGER - 1, l.column ?? 0];
}

function byLocation(a: Finding, b: Finding): number {
  const pa = position(a.locations[0]);
  const pb = position(b.locations[0]);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.rule.localeCompare(b.rule);
}

export function audit(input: AuditInput, rules: readonly RuleImpl[] = RULES): AuditResult {
  if (input.hasFigures === false) {
    const findings = NO_FIGURES.run(buildContext({ ...input, passages: [] })).map((d) => ({ rule: NO_FIGURES.code, category: NO_FIGURES.category, severity: NO_FIGURES.severity, ...d }));
    return { findings, counts: { error: 0, warning: 0, info: findings.length } };
  }
  const ctx = buildContext(input);
  const findings: Finding[] = [];
  for (const rule of rules) {
    if (rule === NO_FIGURES) continue;
    let drafts: ReturnType<RuleImpl['run']>;
    try {
      drafts = rule.run(ctx);
    } catch (e) {
      // A rule's own fault must not cost the reviewer every other rule's findings: it becomes one finding that says
      // which rule could not check this document (and asks for a report), and the audit goes on.
      const detail = e instanceof Error ? e.message : String(e);
      findings.push({
        rule: RULE_FAILED.code,
        category: RULE_FAILED.category,
        severity: RULE_FAILED.severity,
        message: t(`规则 ${rule.code} 未能核对这份文件（${detail}）：其余规则照常；请报告此问题。`, `Rule ${rule.code} could not check this document (${detail}); the other rules ran. Please report it.`),
        locations: [],
      });
      continue;
    }
    for (const d of drafts) {
      const { severity, ...rest } = d;
      findings.push({ rule: rule.code, category: rule.category, severity: severity ?? rule.severity, ...rest });
    }
  }
  findings.sort(byLocation);
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return { findings, counts, ...(ctx.score ? { score: ctx.score } : {}) };
}
