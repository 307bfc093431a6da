/**
 * Units and labels, and the quality and completeness of targets: a header unit the magnitudes contradict,
 * unquantified indicators, declared indicator counts against the table, missing 成本 or 满意度 indicators, fields the
 * document kind requires, and the key-project rule.
 */
import { parseMoneyUnit, valueIn } from '../../amount.ts';
import { countIndicators } from '../../indicator-counts.ts';
import { type Exact, gte, lt, parseExact, sum, toDecimalString, toPlainString } from '../../exact.ts';
import { layoutById } from '../../layouts/index.ts';
import { type FindingDraft, locationOf, moneyText, t, uniqueLocations } from '../context.ts';
import type { RuleImpl } from './rule.ts';
import { projectsOf } from './scores.ts';

const headerUnit: RuleImpl = {
  code: 'header-unit-mismatch',
  category: 'units',
  severity: 'warning',
  title: t('表头单位与数值量级不符', 'the header unit contradicts the magnitudes'),
  description: t('表头印的金额单位（如“万元”）与按数值量级判定的实际单位（如元）不同即报。', 'A table whose printed header unit (e.g. 万元) differs from the unit its magnitudes show (e.g. 元).'),
  run(ctx) {
    const out: FindingDraft[] = [];
    const tables = [
      { path: ['projects'], label: t('项目表', 'project table'), tb: ctx.e.projects },
      { path: ['basicExpenditure'], label: t('基本支出表', 'basic-expenditure table'), tb: ctx.e.basicExpenditure },
      { path: ['economicClassification'], label: t('经济分类表', 'economic classification'), tb: ctx.e.economicClassification },
      { path: ['functionalClassification'], label: t('功能分类表', 'functional classification'), tb: ctx.e.functionalClassification },
    ];
    for (const { path, label, tb } of tables) {
      if (!tb?.printedUnit || !tb.unit) continue;
      const printedUnit = parseMoneyUnit(tb.printedUnit);
      if ((printedUnit ?? tb.printedUnit) === tb.unit) continue;
      const first = 'rows' in tb && tb.rows?.[0] ? tb.rows[0] : undefined;
      const sample = first?.adjustedBudget ?? first?.initialBudget ?? first?.actualSpending;
      const rowPath = [...path, 'rows', 0];
      // The sample's printed digits read in the header's unit: what the table would say if the header were right.
      const asPrinted = sample && printedUnit ? moneyText({ value: valueIn(sample, tb.unit), unit: printedUnit }) : undefined;
      out.push({
        message: t(
          `${label.zh}表头单位印为“${tb.printedUnit}”，但数值实为${tb.unit}${sample ? `（如 ${moneyText(sample)}${asPrinted ? `，若按${tb.printedUnit}读则为 ${asPrinted}，与部门预算规模不符` : ''}）` : ''}。`,
          `The ${label.en} header says ${tb.printedUnit}, but its figures are in ${tb.unit}${sample ? ` (e.g. ${moneyText(sample)}${asPrinted ? `, which read in ${tb.printedUnit} would be ${asPrinted}, out of scale with the budget` : ''})` : ''}.`,
        ),
        printed: tb.printedUnit,
        computed: tb.unit,
        locations: uniqueLocations([locationOf(ctx, sample ? [...rowPath, first?.adjustedBudget ? 'adjustedBudget' : first?.initialBudget ? 'initialBudget' : 'actualSpending'] : path, t('表中数值', 'a figure of the table'))]),
      });
    }
    return out;
  },
};

const hasDigit = (s: string | undefined) => s !== undefined && /\d|[一二三四五六七八九十百千万]+[个项次家件场条人]/.test(s);

const unquantified: RuleImpl = {
  code: 'target-unquantified',
  category: 'targets',
  severity: 'warning',
  title: t('绩效指标未量化', 'indicators without a quantified target'),
  description: t('绩效指标表中指标值不含数字（或指标性质为定性）的指标，以及自评表中名称与指标值都不含数字的关键指标：合为一条，列出各指标。', 'Indicators whose target has no number (or is qualitative), and key indicators with no number in name or target: one finding listing them.'),
  run(ctx) {
    const bad: { name: string; path: (string | number)[] }[] = [];
    ctx.e.indicators?.forEach((i, k) => {
      if (i.direction === 'qualitative' || !hasDigit(i.target)) bad.push({ name: i.name, path: ['indicators', k] });
    });
    ctx.e.keyTasks?.forEach((task, a) =>
      task.keyIndicators?.forEach((ki, b) => {
        if (!hasDigit(ki.name) && !hasDigit(ki.target)) bad.push({ name: ki.name, path: ['keyTasks', a, 'keyIndicators', b] });
      }),
    );
    if (!bad.length) return [];
    const total = (ctx.e.indicators?.length ?? 0) + (ctx.e.keyTasks ?? []).reduce((n, k) => n + (k.keyIndicators?.length ?? 0), 0);
    return [
      {
        message: t(
          `${total} 个绩效指标中有 ${bad.length} 个未设定量化指标值（绩效目标未量化），如：${bad.slice(0, 5).map((b) => `“${b.name.length > 24 ? `${b.name.slice(0, 23)}…` : b.name}”`).join('、')}${bad.length > 5 ? ' 等' : ''}。`,
          `${bad.length} of ${total} indicators have no quantified target.`,
        ),
        printed: `${bad.length}/${total}`,
        locations: uniqueLocations(bad.map((b) => locationOf(ctx, b.path))),
      },
    ];
  },
};

const countOf = countIndicators;

const countMismatch: RuleImpl = {
  code: 'indicator-count-mismatch',
  category: 'targets',
  severity: 'warning',
  title: t('文中所述指标个数与指标表不符', 'declared indicator counts differ from the table'),
  description: t('正文声明的指标个数（“产出指标 7 个，其中数量指标 1 个…”）与绩效指标表中该类指标的个数比较。', 'Indicator counts the text declares against the indicator table.'),
  run(ctx) {
    const declared = ctx.e.printedIndicatorCounts;
    const list = ctx.e.indicators;
    if (!declared || !list?.length) return [];
    const bad = Object.entries(declared).filter(([k, n]) => countOf(list, k) !== n);
    if (!bad.length) return [];
    return [
      {
        message: t(
          `正文所述指标个数与指标表不符：${bad.map(([k, n]) => `${k}指标文中 ${n} 个、表中 ${countOf(list, k)} 个`).join('；')}。`,
          `Declared indicator counts differ from the table: ${bad.map(([k, n]) => `${k}: text ${n}, table ${countOf(list, k)}`).join('; ')}.`,
        ),
        printed: bad.map(([k, n]) => `${k} ${n}`).join('、'),
        computed: bad.map(([k]) => `${k} ${countOf(list, k)}`).join('、'),
        locations: uniqueLocations([locationOf(ctx, ['printedIndicatorCounts']), locationOf(ctx, ['indicators', 0], t('指标表', 'indicator table'))]),
      },
    ];
  },
};

const missingKinds: RuleImpl = {
  code: 'indicator-kind-missing',
  category: 'targets',
  severity: 'warning',
  title: t('缺少成本指标或满意度指标', 'no cost or satisfaction indicator'),
  description: t('有三级绩效指标表（不少于 3 个指标）而其中没有成本指标（二级“成本”）或满意度指标（一级“满意度”）时提示；财政部指标体系要求二者。', 'An indicator table of 3 or more rows with no 成本 (cost) or no 满意度 (satisfaction) indicator; the national framework asks for both.'),
  run(ctx) {
    const list = ctx.e.indicators ?? [];
    if (list.length < 3) return [];
    const missing: string[] = [];
    if (!list.some((i) => (i.level2 ?? '').includes('成本') || (i.level1 ?? '').includes('成本'))) missing.push('成本');
    if (!list.some((i) => (i.level1 ?? '').includes('满意') || (i.level2 ?? '').includes('满意'))) missing.push('满意度');
    if (!missing.length) return [];
    return [
      {
        message: t(`绩效指标表（${list.length} 个指标）中没有${missing.join('、')}指标。`, `The indicator table (${list.length} rows) has no ${missing.join(', ')} indicator.`),
        computed: missing.join('、'),
        locations: [locationOf(ctx, ['indicators', 0], t('指标表', 'indicator table'))],
      },
    ];
  },
};

const FIELD_LABELS: Record<string, string> = {
  'department.name': '部门名称',
  year: '年度',
  'budget.initialBudget': '年初预算',
  'budget.adjustedBudget': '调整后预算',
  'budget.actualSpending': '实际支出',
  'budget.printed.executionRate': '预算执行率',
  'budget.printed.adjustmentRate': '预算调整率',
  keyTasks: '重点工作任务',
  keyProjectNarrative: '重点项目绩效情况',
  indicators: '绩效指标表',
  projects: '项目支出表',
  economicClassification: '经济分类表',
  functionalClassification: '功能分类表',
  basicExpenditure: '基本支出表',
  'selfScores.total': '自评总分',
  'selfScores.items': '自评表各项得分',
  'management.procurement': '政府采购',
  'management.fixedAssets': '固定资产',
  'management.staffing': '人员编制',
  problems: '存在问题',
  measures: '改进措施',
};

const missingFields: RuleImpl = {
  code: 'required-missing',
  category: 'targets',
  severity: 'warning',
  title: t('缺少此类文件应有的内容', 'content the document kind requires is missing'),
  description: t('按文件版式应有的字段（部门名称、年度、预算数、指标表、问题与措施等）未在文件中找到时，合为一条列出。', 'Fields the document kind requires (department, year, budget figures, indicator table, problems, measures …) not found in the document: one finding listing them.'),
  run(ctx) {
    const m = ctx.input.missing ?? [];
    if (!m.length) return [];
    const names = m.map((p) => FIELD_LABELS[p] ?? p);
    return [{ message: t(`文件中未找到此类文件应有的：${names.join('、')}。`, `Not found in the document, though its kind requires them: ${m.join(', ')}.`), computed: names.join('、'), locations: m.map((p) => ({ field: p })) }];
  },
};


/**
 * The weights read add up to less than the printed maximum: some scored item or indicator of the form was not read
 * (or the form itself leaves one out). The recomputed score then counts only what was read, and the ranking with it —
 * the reviewer must look at the original before trusting it.
 */
const weightsShort: RuleImpl = {
  code: 'weights-short',
  category: 'targets',
  severity: 'warning',
  title: t('读到的分值之和不到满分', 'the weights read add up to less than the maximum'),
  description: t(
    '项目自评表（执行率分值 + 各指标分值）或按指标计分的整体自评表（预算执行分值 + 各指标分值）读到的分值之和小于印出的满分（项目表的总分满分、自评表的满分）时提示：有评分项或指标未读到，或原表如此；复核分只计读到的部分，请对照原件。有评分标准覆盖全部评分项的，按评分标准，不在此列。',
    'A project form (execution weight + indicator weights) or a department form scored by its indicators (execution weight + indicator weights) whose weights read add up to less than its printed maximum: an item or indicator was not read, or the form leaves it out; the recomputed score counts only what was read — check the original. Forms scored by a rubric covering every item are left to the rubric.',
  ),
  run(ctx) {
    const out: FindingDraft[] = [];
    const short = (weights: readonly (Exact | undefined)[], max: Exact | undefined, label: LocalTextLike, path: readonly (string | number)[]) => {
      if (!max || !weights.length || weights.some((w) => w === undefined)) return;
      const got = sum(weights as Exact[]);
      if (!lt(got, max)) return;
      out.push({
        message: t(
          `${label.zh}读到的分值之和为 ${toPlainString(got)} 分，不到满分 ${toPlainString(max)} 分：可能有评分项或指标未读到（或原表如此），复核分只计读到的部分，请对照原件。`,
          `${label.en}: the weights read add up to ${toPlainString(got)}, less than the maximum ${toPlainString(max)}: an item or indicator may not have been read (or the form leaves it out); the recomputed score counts only what was read — check the original.`,
        ),
        printed: toPlainString(max),
        computed: toPlainString(got),
        locations: [locationOf(ctx, path, t('满分', 'maximum'))],
      });
    };
    for (const { project: p, path, label } of projectsOf(ctx.e)) {
      const indicators = p.indicators ?? [];
      if (!indicators.length) continue;
      const exec = p.funds?.total?.weight;
      short([...(exec ? [exec] : []), ...indicators.map((i) => i.weight)], p.max, { zh: label.zh, en: label.en }, [...path, 'max']);
    }
    const e = ctx.e;
    const items = e.selfScores?.items ?? [];
    if (e.indicators?.length && !items.length && !e.rubric) {
      short([...(e.budget?.weight ? [e.budget.weight] : []), ...e.indicators.map((i) => i.weight)], e.selfScores?.max, { zh: '自评表', en: 'The form' }, ['selfScores', 'max']);
    }
    return out;
  },
};

type LocalTextLike = { readonly zh: string; readonly en: string };

const keyProjects: RuleImpl = {
  code: 'key-project-rule',
  category: 'targets',
  severity: 'warning',
  title: t('重点项目评价缺失', 'key-project evaluation missing'),
  description: t(
    '版式要求至少评价一个重点项目（如广州自评表）而未列出任何重点项目时提示；版式规定了重点项目金额门槛（如广州为 500 万元）而调整后（或年初）预算达到门槛的项目未作为重点项目评价时提示。规则取自版式登记表。',
    'A layout that requires at least one key project (the Guangzhou form) and lists none is a finding; where the layout sets a key-project threshold (Guangzhou: 500 万元), a project at or above it (adjusted, else initial budget) not evaluated as a key project is a finding. The rules come from the layout registry.',
  ),
  run(ctx) {
    const out: FindingDraft[] = [];
    const rows = ctx.e.projects?.rows ?? [];
    const flagged = rows.some((p) => p.isKeyProject);
    const rules = layoutById(ctx.e.documentKind).rules;
    if (rules.requiresKeyProject && !flagged) {
      out.push({
        message: t('“重点项目绩效情况”未列出任何具体项目（项目名称、预算数、执行数），不符合每个部门至少开展一个重点项目绩效评价的要求。', 'The key-project section names no project (name, budget, spending); every department must evaluate at least one key project.'),
        locations: [locationOf(ctx, ['keyProjectNarrative'], t('重点项目绩效情况', 'key-project section'))],
      });
    }
    // The threshold is a region's rule (广州: 注 1 of its form); other regions evaluate projects their own way.
    const min = rules.keyProjectMin !== undefined ? parseExact(rules.keyProjectMin) : undefined;
    const big = min
      ? rows.map((p, i) => ({ p, i, m: p.adjustedBudget ?? p.initialBudget })).filter((x) => x.m && !x.p.isKeyProject && gte(valueIn(x.m, '万元'), min))
      : [];
    const minText = min ? toDecimalString(min, 2) : '';
    if (big.length) {
      out.push({
        message: t(
          `${big.length} 个项目预算达 ${rules.keyProjectMin} 万元却未作为重点项目评价：${big.map((x) => `“${x.p.name}” ${moneyText(x.m!, '万元')}`).join('、')}。`,
          `${big.length} project(s) of ${rules.keyProjectMin} 万元 or more are not evaluated as key projects.`,
        ),
        printed: big.map((x) => moneyText(x.m!, '万元')).join('、'),
        computed: `≥ ${minText} 万元`,
        locations: uniqueLocations(big.map((x) => locationOf(ctx, ['projects', 'rows', x.i, x.p.adjustedBudget ? 'adjustedBudget' : 'initialBudget']))),
      });
    }
    return out;
  },
};

const noActual: RuleImpl = {
  code: 'indicator-no-actual',
  category: 'targets',
  severity: 'info',
  title: t('指标未填完成情况', 'indicators without a result'),
  description: t('关键指标未填完成情况，或绩效指标表中部分指标填了完成值而另一些未填：合为一条（整表都无完成值的是目标表，不报）。', 'Key indicators with no result, or indicator rows without a result in a table where others have one: one finding (a table with no results at all is a target table).'),
  run(ctx) {
    const bad: { name: string; path: (string | number)[] }[] = [];
    // A table with no result at all is a target table (绩效目标表), not an unfinished one.
    const list = ctx.e.indicators ?? [];
    if (list.some((i) => i.actual?.trim())) list.forEach((i, k) => {
      if (!i.actual?.trim()) bad.push({ name: i.name, path: ['indicators', k] });
    });
    ctx.e.keyTasks?.forEach((task, a) => task.keyIndicators?.forEach((ki, b) => {
      if (!ki.actual?.trim()) bad.push({ name: ki.name, path: ['keyTasks', a, 'keyIndicators', b] });
    }));
    if (!bad.length) return [];
    return [{ message: t(`${bad.length} 个指标未填完成情况：${bad.slice(0, 5).map((b) => `“${b.name}”`).join('、')}${bad.length > 5 ? ' 等' : ''}。`, `${bad.length} indicator(s) have no result.`), locations: uniqueLocations(bad.map((b) => locationOf(ctx, b.path))) }];
  },
};

export const TARGET_RULES: readonly RuleImpl[] = [headerUnit, unquantified, countMismatch, missingKinds, missingFields, weightsShort, keyProjects, noActual];
