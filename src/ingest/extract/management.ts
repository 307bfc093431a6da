/**
 * Management facts stated in sentences: "三公"经费 and 日常公用经费 (budget, actual, control rate), 政府采购,
 * 固定资产, staffing (核定编制, 在编, 编外, 实际在职), 结转结余. Each rule names the sentence it applies to (a
 * trigger) and, per field, the words that stand right before the figure.
 */
import { toPlainString } from '../../core/exact.ts';
import { percentText } from '../../core/text/numbers.ts';
import { type ExtractContext, moneyOf, numbersOf, put, putMoney, putPrinted, sourceInParagraph } from './context.ts';

type FieldKind = 'money' | 'percent' | 'count' | 'bare-money';

interface Field {
  readonly before: RegExp;
  readonly path: string;
  readonly kind: FieldKind;
}

interface Rule {
  readonly trigger: RegExp;
  readonly fields: readonly Field[];
}

const THREE_PUBLIC = 'basicExpenditure.department.threePublicExpenses';
const ROUTINE = 'basicExpenditure.department.routineOperating';

const RULES: readonly Rule[] = [
  {
    trigger: /三公.{0,2}经费/,
    fields: [
      { before: /三公.{0,2}经费(?:年初)?(?:预算(?:数|安排数)?|安排数)(?:为|是)?$/, path: `${THREE_PUBLIC}.initialBudget`, kind: 'money' },
      { before: /(?:实际支出|实际发生数|决算数?|支出数?)(?:为|是)?$/, path: `${THREE_PUBLIC}.actualSpending`, kind: 'money' },
      { before: /三公.{0,2}经费控制率(?:为|是)?$/, path: `${THREE_PUBLIC}.printed.threePublicControlRate`, kind: 'percent' },
    ],
  },
  {
    trigger: /(?:日常)?公用经费/,
    fields: [
      { before: /公用经费调整(?:后)?预算(?:数)?(?:为|是)?$/, path: `${ROUTINE}.adjustedBudget`, kind: 'money' },
      { before: /公用经费(?:年初)?预算(?:数)?(?:为|是)?$/, path: `${ROUTINE}.initialBudget`, kind: 'money' },
      { before: /(?:支出决算|决算数?|实际发生数|实际支出(?:数)?)(?:为|是)?$/, path: `${ROUTINE}.actualSpending`, kind: 'money' },
      { before: /公用经费控制率(?:为|是)?$/, path: `${ROUTINE}.printed.routineOperatingControlRate`, kind: 'percent' },
    ],
  },
  {
    trigger: /采购/,
    fields: [
      { before: /(?:实际)?采购(?:金额|总额|支出)(?:合计)?(?:为|是)?$/, path: 'management.procurement.actual', kind: 'money' },
      { before: /(?:采购)?(?:年初)?(?:预算|计划)(?:金额|数)(?:为|是)?$/, path: 'management.procurement.budget', kind: 'money' },
      { before: /政府采购执行率(?:为|是)?$/, path: 'management.procurement.printed.procurementExecutionRate', kind: 'percent' },
    ],
  },
  {
    trigger: /固定资产/,
    fields: [
      { before: /在用固定资产(?:总额|原值)?(?:为|是)?$/, path: 'management.fixedAssets.inUse', kind: 'money' },
      { before: /固定资产(?:总额|原值|总值)?(?:为|是|共)?$/, path: 'management.fixedAssets.total', kind: 'money' },
      { before: /固定资产利用率(?:为|是)?$/, path: 'management.fixedAssets.printed.fixedAssetUtilizationRate', kind: 'percent' },
    ],
  },
  {
    trigger: /编制|在编|在职|编外|劳务派遣|人员控制率/,
    fields: [
      { before: /(?:核定)?编制(?:人数|数)(?:为|是)?$/, path: 'management.staffing.authorizedPosts', kind: 'count' },
      { before: /实际在职人员总数(?:为|是)?$/, path: 'management.staffing.inPost', kind: 'count' },
      { before: /(?:在编人员|在编人数|(?:年底)?实际在职人数)(?:为|是)?$/, path: 'management.staffing.onEstablishment', kind: 'count' },
      { before: /(?:编外人员|劳务派遣人员)[^，。；]{0,16}?(?:人数)?(?:[（(][^）)]{0,16}[）)])?(?:为|是)?$/, path: 'management.staffing.offEstablishment', kind: 'count' },
      { before: /(?:财政供养人员|在职人员)控制率(?:为|是)?$/, path: 'management.staffing.printed.staffControlRate', kind: 'percent' },
      { before: /编外人员控制率(?:为|是)?$/, path: 'management.staffing.printed.offEstablishmentControlRate', kind: 'percent' },
    ],
  },
  {
    trigger: /结转结余|结余结转/,
    fields: [{ before: /(?:结转结余|结余结转)(?:总)?(?:额|金额|资金)(?:为|是)?$/, path: 'management.carryOver.amount', kind: 'bare-money' }],
  },
];

const SENTENCE_END = /[。；;！？\n]/g;

/** Sentence spans of a paragraph. */
function sentences(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let start = 0;
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(text); m; m = SENTENCE_END.exec(text)) {
    if (m.index >= start) out.push({ start, end: m.index + 1 });
    start = m.index + 1;
  }
  if (start < text.length) out.push({ start, end: text.length });
  return out;
}

const ANY_TRIGGER = new RegExp(RULES.map((r) => r.trigger.source).join('|'));

export function extractManagement(ctx: ExtractContext): void {
  for (const p of ctx.seg.paragraphs) {
    if (!ANY_TRIGGER.test(p.text) || !/\d/.test(p.text)) continue;
    const tokens = numbersOf(p);
    for (const span of sentences(p.text)) {
      const text = p.text.slice(span.start, span.end);
      const rules = RULES.filter((r) => r.trigger.test(text));
      if (!rules.length) continue;
      for (const t of tokens) {
        if (t.start < span.start || t.end > span.end) continue;
        const before = p.text.slice(Math.max(span.start, t.start - 30), t.start).replace(/\s+$/, '');
        for (const rule of rules) {
          const f = rule.fields.find((x) => x.before.test(before) && fits(x.kind, t.unit));
          if (!f) continue;
          const src = sourceInParagraph(ctx, p, Math.max(span.start, t.start - 12), t.end);
          if (f.kind === 'percent') putPrinted(ctx, f.path, `${percentText(t)}%`, src);
          else if (f.kind === 'count') put(ctx, f.path, Number(toPlainString(t.printed)), `${toPlainString(t.printed)} 人`, src);
          else if (f.kind === 'bare-money' && !t.unit) putMoney(ctx, f.path, { value: toPlainString(t.printed), unit: '万元' }, src);
          else {
            const m = moneyOf(t);
            if (m) putMoney(ctx, f.path, m, src);
          }
          break;
        }
      }
    }
  }
}

function fits(kind: FieldKind, unit: string | undefined): boolean {
  if (kind === 'percent') return unit === '%';
  if (kind === 'count') return unit === '人' || unit === '名';
  if (kind === 'bare-money') return unit === undefined || unit === '万元' || unit === '元';
  return unit === '万元' || unit === '元' || unit === '亿元';
}
