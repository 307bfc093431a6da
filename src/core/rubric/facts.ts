/**
 * Facts a rubric can read from an evaluation besides the formula library's metrics: booleans, counts, enums and
 * rates stated in the management section. One declared table, so a rubric file can name any of them.
 */
import { type Exact, fromInt } from '../exact.ts';
import type { Evaluation } from '../model/evaluation.ts';
import type { LocalText } from '../formulas/types.ts';

export type FactValue = boolean | Exact | string;

export interface FactDef {
  readonly id: string;
  readonly label: LocalText;
  readonly kind: 'boolean' | 'number' | 'rate' | 'enum';
  readonly read: (e: Evaluation) => FactValue | undefined;
}

const t = (zh: string, en: string): LocalText => ({ zh, en });
const n = (x: number | undefined): Exact | undefined => (x === undefined ? undefined : fromInt(x));

/** Labels of enumerated fact values, for the reasoning a reviewer reads. */
export const ENUM_LABELS: Readonly<Record<string, LocalText>> = {
  complete: t('按规定公开', 'published as required'),
  partial: t('已公开但不符合时限、内容或范围要求', 'published with gaps'),
  none: t('未公开', 'not published'),
  exempt: t('涉密，按规定不需公开', 'exempt (classified)'),
};

export const FACTS: readonly FactDef[] = [
  { id: 'petitions.hasChannel', label: t('建立了群众意见反馈渠道', 'feedback channel exists'), kind: 'boolean', read: (e) => e.management?.petitions?.hasChannel },
  {
    id: 'petitions.allReplied',
    label: t('群众信件回复率 100%', 'all petitions replied'),
    kind: 'boolean',
    read: (e) => {
      const p = e.management?.petitions;
      return p?.count === undefined || p.replied === undefined ? undefined : p.replied >= p.count;
    },
  },
  {
    id: 'petitions.noneOverdue',
    label: t('未发生超期办理', 'no petition overdue'),
    kind: 'boolean',
    read: (e) => {
      const o = e.management?.petitions?.overdue;
      return o === undefined ? undefined : o === 0;
    },
  },
  { id: 'disclosure.budget', label: t('部门预算公开', 'budget disclosure'), kind: 'enum', read: (e) => e.management?.disclosure?.budget },
  { id: 'disclosure.finalAccounts', label: t('部门决算公开', 'final accounts disclosure'), kind: 'enum', read: (e) => e.management?.disclosure?.finalAccounts },
  { id: 'keyWorkUndone', label: t('未完成的重点工作项数', 'key work items not done'), kind: 'number', read: (e) => n(e.management?.keyWorkUndone) },
  {
    id: 'noViolations',
    label: t('无截留、挤占、挪用、虚列支出等违规', 'no financial violations'),
    kind: 'boolean',
    read: (e) => (e.management?.violations === undefined ? undefined : !e.management.violations),
  },
  { id: 'violations', label: t('存在截留、挤占、挪用、虚列支出等违规', 'financial violations found'), kind: 'boolean', read: (e) => e.management?.violations },
  { id: 'satisfaction', label: t('公众或服务对象满意度', 'beneficiary satisfaction'), kind: 'rate', read: (e) => e.management?.satisfaction },
  {
    id: 'hasSystems',
    label: t('制定了财政资金管理、财务管理、内部控制等制度', 'management systems in place'),
    kind: 'boolean',
    read: (e) => (e.management?.systems === undefined ? undefined : e.management.systems.length > 0),
  },
];

export const FACTS_BY_ID: ReadonlyMap<string, FactDef> = new Map(FACTS.map((f) => [f.id, f]));
