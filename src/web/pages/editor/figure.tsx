/**
 * A metric computed in the browser beside the figures it comes from (执行率, 调整率, 完成率 …): the value as the
 * core formats it, and on hover the formula, every input with its value, what the document printed and whether
 * it agrees.
 */
import { Tag, Tooltip, Typography } from 'antd';
import { formatAmount } from '../../../core/amount.ts';
import type { ComputedFigure } from '../../../core/compute/compute.ts';
import { toPlainString } from '../../../core/exact.ts';
import { displayOf } from '../../../core/json.ts';
import { pick } from '../../lib/i18n.tsx';
import { useEditor } from './fields.tsx';

const NOT_APPLICABLE: Record<string, [string, string]> = {
  'zero-denominator': ['分母为 0，无法计算', 'the denominator is 0'],
  'missing-input': ['缺少计算所需的数', 'an input is missing'],
  'unit-mismatch': ['单位不一致', 'units differ'],
  qualitative: ['定性指标，不计算', 'qualitative: not computed'],
  'not-numeric': ['不是数字，无法计算', 'not a number'],
};

const COMPARISON: Record<string, [string, string, string]> = {
  match: ['与印出值一致', 'agrees with the printed value', 'green'],
  differs: ['与印出值不符', 'differs from the printed value', 'red'],
  'printed-not-applicable': ['文件印出“不适用”', 'printed as not applicable', 'default'],
  'not-printed': ['', '', 'default'],
};

export function FigureTip({ figure }: { figure: ComputedFigure }) {
  const { lang, t } = useEditor();
  const na = figure.outcome.kind === 'not-applicable' ? NOT_APPLICABLE[figure.outcome.code] : undefined;
  return (
    <div style={{ maxWidth: 380 }}>
      <div style={{ fontWeight: 600 }}>{pick(lang, figure.name.zh, figure.name.en)}</div>
      <div>
        {t('公式：', 'Formula: ')}
        {pick(lang, figure.formula.zh, figure.formula.en)}
      </div>
      {figure.inputs.map((i) => (
        <div key={i.key}>
          {pick(lang, i.label.zh, i.label.en)}：{i.unit ? formatAmount({ value: i.value, unit: i.unit }) : toPlainString(i.value)}
        </div>
      ))}
      <div>
        {t('结果：', 'Result: ')}
        {na ? t(na[0], na[1]) : displayOf(figure.outcome, figure.output)}
      </div>
      {figure.printed ? (
        <div>
          {t('文件印出：', 'Printed: ')}
          {figure.printed.text}
          {COMPARISON[figure.comparison]?.[0] ? `（${t(COMPARISON[figure.comparison]![0], COMPARISON[figure.comparison]![1])}）` : ''}
        </div>
      ) : null}
    </div>
  );
}

/** The computed value of one figure, or a dash when the data does not allow it yet. */
export function FigureValue({ figure, testId, emptyText }: { figure: ComputedFigure | undefined; testId?: string; emptyText?: string }) {
  const { t } = useEditor();
  if (!figure) {
    return (
      <Tooltip title={emptyText ?? t('填写计算所需的金额后显示', 'shown once the figures it needs are filled in')}>
        <Typography.Text type="secondary" data-testid={testId}>
          —
        </Typography.Text>
      </Tooltip>
    );
  }
  const cmp = COMPARISON[figure.comparison];
  return (
    <Tooltip title={<FigureTip figure={figure} />}>
      <span style={{ cursor: 'help', whiteSpace: 'nowrap' }}>
        <span data-testid={testId} className="jx-figure" style={{ fontVariantNumeric: 'tabular-nums', fontWeight: 500, color: figure.comparison === 'differs' ? '#cf1322' : undefined }}>
          {displayOf(figure.outcome, figure.output)}
        </span>
        {figure.comparison === 'differs' && cmp ? (
          <Tag color="red" style={{ marginLeft: 4, marginInlineEnd: 0 }}>
            {t('≠ 印出', '≠ printed')}
          </Tag>
        ) : null}
      </span>
    </Tooltip>
  );
}
