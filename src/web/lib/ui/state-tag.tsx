/** An evaluation's workflow state as a coloured tag, labelled by the core's state table. */
import { Tag, Tooltip } from 'antd';
import { EVALUATION_STATE_INFO, type EvaluationState } from '../../../core/workflow/states.ts';
import { pick, useT } from '../i18n.tsx';

const COLORS: Record<EvaluationState, string> = {
  draft: 'default',
  'signed-off': 'cyan',
  submitted: 'blue',
  'under-review': 'purple',
  returned: 'orange',
  recommended: 'geekblue',
  approved: 'green',
  published: 'success',
};

export function StateTag({ state }: { state: string; zh?: string; en?: string }) {
  const { lang } = useT();
  const info = EVALUATION_STATE_INFO[state as EvaluationState];
  const tag = (
    <Tag color={COLORS[state as EvaluationState] ?? 'default'} data-state={state}>
      {info ? pick(lang, info.label.zh, info.label.en) : state}
    </Tag>
  );
  return info ? <Tooltip title={pick(lang, info.description.zh, info.description.en)}>{tag}</Tooltip> : tag;
}
