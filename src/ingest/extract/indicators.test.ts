/**
 * The three-level indicator table: 一级 and 二级 filled down from merged cells, each indicator with its target,
 * result and the cell of its name; repeated headers, placeholder rows and scorecards are not indicators.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractIndicatorTable } from './indicators.ts';
import { FILE, extract, foundAt, row, textDocument, valueAt } from './testing.ts';

interface Indicator {
  level1?: string;
  level2?: string;
  name: string;
  target?: string;
  actual?: string;
  direction?: string;
  weight?: string;
  score?: string;
  deviationReason?: string;
  source: { file: string; line: number; column?: number; text: string };
}

const HEADER = row('一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '偏差原因');
const indicators = (ctx: ReturnType<typeof extract>) => (valueAt(ctx, 'indicators') as Indicator[] | undefined) ?? [];
/** Each indicator as “一级 / 二级 / 三级: target → actual”. */
const lines = (ctx: ReturnType<typeof extract>) => indicators(ctx).map((i) => `${i.level1 ?? ''} / ${i.level2 ?? ''} / ${i.name}: ${i.target ?? '—'} → ${i.actual ?? '—'}`);

describe('indicator table: the clean case', () => {
  it('merged 一级/二级 cells are filled down; each indicator keeps its target, result, reason and name cell', () => {
    const ctx = extract(
      textDocument(
        '表4 绩效指标完成情况',
        HEADER,
        row('产出指标', '数量指标', '举办公益展览场次', '≥12场', '14场', ''),
        row('', '', '送戏下乡场次', '≥20场', '24场', ''),
        row('', '质量指标', '藏品完好率', '≥99%', '99.5%', ''),
        row('效益指标', '社会效益指标', '公共文化服务覆盖率', '≥90%', '88%', '部分偏远社区未覆盖'),
        row('满意度指标', '服务对象满意度指标', '观众满意度', '≥90%', '93%', ''),
      ),
      extractIndicatorTable,
    );
    assert.deepStrictEqual(lines(ctx), [
      '产出指标 / 数量指标 / 举办公益展览场次: ≥12场 → 14场',
      '产出指标 / 数量指标 / 送戏下乡场次: ≥20场 → 24场',
      '产出指标 / 质量指标 / 藏品完好率: ≥99% → 99.5%',
      '效益指标 / 社会效益指标 / 公共文化服务覆盖率: ≥90% → 88%',
      '满意度指标 / 服务对象满意度指标 / 观众满意度: ≥90% → 93%',
    ]);
    assert.equal(indicators(ctx)[3]!.deviationReason, '部分偏远社区未覆盖');
    assert.deepStrictEqual(indicators(ctx)[1]!.source, { file: FILE, line: 4, column: 3, text: '产出指标 | 数量指标 | 送戏下乡场次 | ≥20场' });
    assert.deepStrictEqual(foundAt(ctx, 'indicators'), { path: 'indicators', value: '5 个三级指标', source: indicators(ctx)[0]!.source });
  });

  it('direction, weight and score columns when the table has them', () => {
    const ctx = extract(
      textDocument(
        row('一级指标', '二级指标', '三级指标', '指标性质', '指标值', '完成值', '分值', '得分'),
        row('产出指标', '时效指标', '投诉办结时限', '≤', '10天', '7天', '10', '10'),
        row('效益指标', '社会效益指标', '群众文化获得感', '定性', '明显提升', '达成', '10', '9.5'),
      ),
      extractIndicatorTable,
    );
    assert.deepStrictEqual(indicators(ctx).map((i) => [i.name, i.direction, i.weight, i.score]), [
      ['投诉办结时限', 'lte', '10', '10'],
      ['群众文化获得感', 'qualitative', '10', '9.5'],
    ]);
  });
});

describe('indicator table: odd and faulty tables', () => {
  it('a header repeated after a page break and a placeholder row without a name are skipped', () => {
    const ctx = extract(
      textDocument(
        HEADER,
        row('产出指标', '数量指标', '举办公益展览场次', '≥12场', '14场', ''),
        row('', '', '', '', '', '—'),
        '\f',
        HEADER,
        row('', '', '送戏下乡场次', '≥20场', '24场', ''),
      ),
      extractIndicatorTable,
    );
    assert.deepStrictEqual(lines(ctx), ['产出指标 / 数量指标 / 举办公益展览场次: ≥12场 → 14场', '产出指标 / 数量指标 / 送戏下乡场次: ≥20场 → 24场']);
  });

  it('a scorecard with 一级/二级/三级 columns is not the department’s indicator table', () => {
    const ctx = extract(
      textDocument(row('一级指标', '二级指标', '三级指标', '分值', '评分标准', '自评得分'), row('决策', '目标设定', '绩效目标合理性', '4', '目标依据充分、与部门职能相符得满分，否则酌情扣分。', '4')),
      extractIndicatorTable,
    );
    assert.equal(valueAt(ctx, 'indicators'), undefined);
    assert.equal(foundAt(ctx, 'indicators'), undefined);
  });

  it('a weight or score that is not a plain number (“5分”, “—”) is left out, the indicator kept', () => {
    const ctx = extract(textDocument(row('一级指标', '二级指标', '三级指标', '指标值', '完成值', '分值', '得分'), row('产出指标', '数量指标', '送戏下乡场次', '≥20场', '24场', '5分', '—')), extractIndicatorTable);
    const [i] = indicators(ctx);
    assert.deepStrictEqual([i!.name, i!.weight, i!.score], ['送戏下乡场次', undefined, undefined]);
  });

  it('a row with one extra empty cell still lands on its columns (values in order)', () => {
    const ctx = extract(textDocument(HEADER, row('产出指标', '数量指标', '送戏下乡场次', '', '≥20场', '24场', '无')), extractIndicatorTable);
    assert.deepStrictEqual(lines(ctx), ['产出指标 / 数量指标 / 送戏下乡场次: ≥20场 → 24场']);
    assert.equal(indicators(ctx)[0]!.deviationReason, '无');
  });

  it('a filled cell left of 一级指标 starts another part of the form and ends the table', () => {
    const ctx = extract(
      textDocument(
        row('绩效指标', '一级指标', '二级指标', '三级指标', '指标值', '完成值'),
        row('', '产出指标', '数量指标', '送戏下乡场次', '≥20场', '24场'),
        row('重点项目', '公共文化云平台', '', '', '', ''),
        row('', '产出指标', '数量指标', '平台访问量', '≥10万人次', '12万人次'),
      ),
      extractIndicatorTable,
    );
    assert.deepStrictEqual(indicators(ctx).map((i) => i.name), ['送戏下乡场次']);
  });

  it('a table without 一级/二级/三级 headers gives no indicators', () => {
    const ctx = extract(textDocument(row('指标', '目标', '完成'), row('送戏下乡场次', '≥20场', '24场')), extractIndicatorTable);
    assert.equal(valueAt(ctx, 'indicators'), undefined);
  });

  it('a 序号 column left of 一级指标 does not end the table', () => {
    const ctx = extract(
      textDocument(row('序号', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值'), row('1', '产出指标', '数量指标', '送戏下乡场次', '≥20场', '24场'), row('2', '', '质量指标', '藏品完好率', '≥99%', '99.5%')),
      extractIndicatorTable,
    );
    assert.deepStrictEqual(indicators(ctx).map((i) => i.name), ['送戏下乡场次', '藏品完好率']);
  });
});
