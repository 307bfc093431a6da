/**
 * The three-level indicator table: 一级 and 二级 filled down from merged cells, each indicator with its target,
 * result and the cell of its name; repeated headers, placeholder rows and scorecards are not indicators.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { composeTarget, extractIndicatorTable, splitWeight } from './indicators.ts';
import { FILE, extract, foundAt, foundList, row, textDocument, valueAt } from './testing.ts';

interface Indicator {
  coefficient?: string;
  unitOfMeasure?: string;
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

describe('indicator table: the shapes of other provinces', () => {
  it('a target split over 指标性质 | 指标值 | 度量单位 is read back as one (≥36000人, =100%, ≤89元, a qualitative value)', () => {
    const ctx = extract(
      textDocument(
        row('一级指标', '二级指标', '三级指标', '指标性质', '指标值', '度量单位', '完成值', '权重', '得分', '未完成原因分析'),
        row('产出指标', '数量指标', '家庭医生签约人数', '≥', '36000', '人', '37210', '20', '20'),
        row('', '时效指标', '传染病报告及时率', '﹦', '100', '%', '100', '10', '10'),
        row('', '成本指标', '人均服务经费', '≤', '89', '元', '89', '5', '5'),
        row('效益指标', '可持续影响指标', '基层服务能力', '定性', '稳步提升', '', '稳步提升', '10', '9'),
      ),
      extractIndicatorTable,
    );
    assert.deepStrictEqual(lines(ctx), [
      '产出指标 / 数量指标 / 家庭医生签约人数: ≥36000人 → 37210',
      '产出指标 / 时效指标 / 传染病报告及时率: =100% → 100',
      '产出指标 / 成本指标 / 人均服务经费: ≤89元 → 89',
      '效益指标 / 可持续影响指标 / 基层服务能力: 稳步提升 → 稳步提升',
    ]);
    assert.deepStrictEqual(indicators(ctx).map((i) => [i.direction, i.unitOfMeasure]), [['gte', '人'], ['eq', '%'], ['lte', '元'], ['qualitative', undefined]]);
  });

  it('a header over two rows (年度指标值 over 指标性质 | 指标值 | 度量单位; 实际完成值, 分值, 得分 beside it)', () => {
    const ctx = extract(
      textDocument(
        row('绩效指标', '', '', '年度指标值', '', '', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'),
        row('一级指标', '二级指标', '三级指标', '指标性质', '指标值', '度量单位'),
        row('产出指标', '数量指标', '送戏下乡场次', '≥', '120', '场', '135', '15', '15'),
        row('效益指标', '社会效益指标', '游客人次增长率', '≥', '10', '%', '8.6', '20', '17.2', '客源市场变化'),
      ),
      extractIndicatorTable,
    );
    assert.deepStrictEqual(lines(ctx), ['产出指标 / 数量指标 / 送戏下乡场次: ≥120场 → 135', '效益指标 / 社会效益指标 / 游客人次增长率: ≥10% → 8.6']);
    assert.deepStrictEqual(indicators(ctx).map((i) => [i.weight, i.score, i.deviationReason]), [['15', '15', undefined], ['20', '17.2', '客源市场变化']]);
  });

  it('指标名称 alone, 年初/调整指标值, 得分系数（%） × 指标权重（分）, an empty column that must not move the values', () => {
    const ctx = extract(
      textDocument(
        row('指标名称', '计量单位', '指标性质', '年初指标值', '调整指标值', '全年完成值', '得分系数（%）', '指标权重（分）', '指标得分（分）', '是否核心指标'),
        row('道路机械化清扫率', '%', '定量指标', '≥85%', '', '88%', '100%', '10', '10', '是'),
        row('市政设施维修及时率', '%', '定量指标', '≥95%', '≥90%', '93%', '90', '10', '9', '否'),
        row('违法建设查处件数', '件', '定量指标', '120', '', '134', '100%', '10', '10', '是'),
      ),
      extractIndicatorTable,
    );
    assert.deepStrictEqual(lines(ctx), [' /  / 道路机械化清扫率: ≥85% → 88%', ' /  / 市政设施维修及时率: ≥90% → 93%', ' /  / 违法建设查处件数: 120件 → 134']);
    assert.deepStrictEqual(indicators(ctx).map((i) => [i.coefficient, i.weight, i.score, i.direction]), [['1', '10', '10', undefined], ['0.9', '10', '9', undefined], ['1', '10', '10', undefined]]);
  });

  it('weights inside the names leave the names and make weighted self-score items (score: the sum of the section)', () => {
    const ctx = extract(
      textDocument(
        row('一级指标', '二级指标', '三级指标', '指标值', '实际完成值', '分值', '自评得分'),
        row('预算执行（30分）', '预算执行管理', '预算完成率', '100%', '97.30%', '20', '19.5'),
        row('', '', '结转结余率', '≤5%', '2.70%', '10', '10'),
        row('产出指标(40)', '数量指标', '河道清淤长度', '≥42公里', '45公里', '40', '40'),
        row('效益指标（30分）', '满意度指标', '群众满意度', '≥90%', '88%', '30', ''),
        row('合计', '', '', '', '', '100', '99.2'),
      ),
      extractIndicatorTable,
    );
    assert.deepStrictEqual(indicators(ctx).map((i) => i.level1), ['预算执行', '预算执行', '产出指标', '效益指标']);
    assert.deepStrictEqual(
      (valueAt(ctx, 'selfScores.items') as { item: string; score: string; weight: string }[]).map((i) => [i.item, i.weight, i.score]),
      [['预算执行', '30', '29.5'], ['产出指标', '40', '40']],
    );
    assert.deepStrictEqual(foundList(ctx), { indicators: '4 个三级指标', 'selfScores.total': '99.2', 'selfScores.max': '100', 'selfScores.items': '2 个分项（权重印在名称中）' });
  });

  it('a 总分 row whose figures merged cells moved: the maximum then the total, in order; it ends the table', () => {
    const ctx = extract(
      textDocument(row('一级指标', '二级指标', '三级指标', '指标值', '实际完成值', '分值', '得分'), row('产出指标', '数量指标', '培训人次', '≥2000人次', '2150人次', '90', '88'), row('总分', '90', '88'), row('说明', '无')),
      extractIndicatorTable,
    );
    assert.deepStrictEqual(indicators(ctx).map((i) => i.name), ['培训人次']);
    assert.deepStrictEqual([valueAt(ctx, 'selfScores.total'), valueAt(ctx, 'selfScores.max')], ['88', '90']);
  });

  it('headers without 指标 (一级 | 二级 | 三级), 年度目标 and 完成情况 columns', () => {
    const ctx = extract(textDocument(row('一级', '二级', '三级', '年度目标', '完成情况'), row('产出指标', '数量指标', '培训人次', '≥2000人次', '2150人次')), extractIndicatorTable);
    assert.deepStrictEqual(lines(ctx), ['产出指标 / 数量指标 / 培训人次: ≥2000人次 → 2150人次']);
  });

  it('a scorecard with its 评分标准 column stays out, whatever its 自评得分 header', () => {
    const ctx = extract(textDocument(row('一级指标', '二级指标', '三级指标', '指标值', '评分标准', '自评得分'), row('决策', '目标设定', '绩效目标合理性', '合理', '目标依据充分、与部门职能相符得满分。', '4')), extractIndicatorTable);
    assert.equal(valueAt(ctx, 'indicators'), undefined);
  });
});

describe('indicator table: what a PDF leaves of it', () => {
  const HEAD = row('一级指标', '二级指标', '三级指标', '指标方向', '指标值', '度量单位', '实际完成值', '分值', '得分');
  it('a name a narrow column wrapped onto the next line is joined; the table goes on after a page break without its header', () => {
    const ctx = extract(
      textDocument(
        HEAD,
        row('产出指标', '数量指标', '举办全民健身赛事', '≥', '45', '场次', '48', '15', '15'),
        row('', '', '活动'),
        row('效益指标', '社会效益', '经常参加锻炼人数', '≥', '40', '%', '41.5', '15', '15'),
        row('', '指标', '比例'),
        '— 2 —',
        '',
        row('满意度指标', '服务对象满意度指标', '参赛群众满意度', '≥', '90', '%', '95', '10', '10'),
      ),
      extractIndicatorTable,
    );
    assert.deepStrictEqual(lines(ctx), [
      '产出指标 / 数量指标 / 举办全民健身赛事活动: ≥45场次 → 48',
      '效益指标 / 社会效益指标 / 经常参加锻炼人数比例: ≥40% → 41.5',
      '满意度指标 / 服务对象满意度指标 / 参赛群众满意度: ≥90% → 95',
    ]);
  });

  it('a header wrapped over two rows (“一级指” over “标”) after a page break is read joined', () => {
    const ctx = extract(
      textDocument(
        row('一级指', '二级指', '三级指', '指标方', '指标值', '度量单', '实际完', '分值', '得分'),
        row('标', '标', '标', '向', '', '位', '成值', '', ''),
        row('效益指标', '社会效益指标', '健身设施开放时长', '≥', '3000', '小时', '3120', '15', '15'),
      ),
      extractIndicatorTable,
    );
    assert.deepStrictEqual(lines(ctx), ['效益指标 / 社会效益指标 / 健身设施开放时长: ≥3000小时 → 3120']);
  });

  it('a table that follows but does not continue it (another shape, its own header, or text between) is not read as indicators', () => {
    const ctx = extract(
      textDocument(
        HEAD,
        row('产出指标', '数量指标', '赛事场次', '≥', '45', '场次', '48', '15', '15'),
        '说明',
        row('合计', '898.00', '914.00'),
        '',
        row('序号', '项目名称', '实施单位', '年初预算', '调整后预算', '实际支出', '执行率', '备注', '说明'),
        row('1', '全民健身', '体育科', '100', '120', '110', '91.67%', '', ''),
        '四、其他说明',
        '下表为续表。',
        row('效益指标', '社会效益指标', '锻炼人数比例', '≥', '40', '%', '41.5', '15', '15'),
      ),
      extractIndicatorTable,
    );
    assert.deepStrictEqual(indicators(ctx).map((i) => i.name), ['赛事场次']);
  });
});

describe('the pieces: a target put back together, a weight taken out of a name', () => {
  it('composeTarget', () => {
    assert.equal(composeTarget('36000', '≥', '人'), '≥36000人');
    assert.equal(composeTarget('100', '＝', '%'), '=100%');
    assert.equal(composeTarget('≥85%', '≥', '%'), '≥85%');
    assert.equal(composeTarget('85%', '≥', '%'), '≥85%');
    assert.equal(composeTarget('稳步提升', '定性', ''), '稳步提升');
    assert.equal(composeTarget('100', '定量指标', '%'), '100%');
    assert.equal(composeTarget('2.5', '正向', '万亩'), '2.5万亩');
    assert.equal(composeTarget('30', '≤', '—'), '≤30');
  });

  it('splitWeight', () => {
    assert.deepStrictEqual(splitWeight('预算执行（30）'), { name: '预算执行', weight: '30' });
    assert.deepStrictEqual(splitWeight('产出指标(40分)'), { name: '产出指标', weight: '40' });
    assert.deepStrictEqual(splitWeight('效益指标（权重30%）'), { name: '效益指标', weight: '30' });
    assert.deepStrictEqual(splitWeight('发放(缴纳)覆盖率'), { name: '发放(缴纳)覆盖率' });
    assert.deepStrictEqual(splitWeight('产出指标'), { name: '产出指标' });
  });
});

describe('indicator table: a score sheet that also prints targets and results', () => {
  it('评价标准 beside 指标值 and 实际完成值: read as the indicator table, with weights and scores', () => {
    const ctx = extract(
      textDocument(
        '部门整体支出绩效自评表',
        row('一级指标', '二级指标', '三级指标', '分值', '评价标准', '指标值', '实际完成值', '得分'),
        row('产出指标', '数量指标', '林木管护面积', '20', '完成目标得满分，每少1%扣1分', '≥5000亩', '5200亩', '20'),
        row('', '时效指标', '病虫害处置时限', '10', '按时处置得满分，超时不得分', '≤3天', '4天', '7'),
        row('满意度指标', '服务对象满意度指标', '林农满意度', '10', '满意度达标得满分', '≥90%', '94%', '10'),
      ),
      extractIndicatorTable,
    );
    assert.deepStrictEqual(lines(ctx), [
      '产出指标 / 数量指标 / 林木管护面积: ≥5000亩 → 5200亩',
      '产出指标 / 时效指标 / 病虫害处置时限: ≤3天 → 4天',
      '满意度指标 / 服务对象满意度指标 / 林农满意度: ≥90% → 94%',
    ]);
    assert.deepStrictEqual(indicators(ctx).map((i) => [i.weight, i.score]), [['20', '20'], ['10', '7'], ['10', '10']]);
    assert.deepStrictEqual(indicators(ctx)[1]!.source, { file: FILE, line: 4, column: 3, text: '产出指标 | 时效指标 | 病虫害处置时限 | ≤3天' });
    assert.deepStrictEqual(foundList(ctx), { indicators: '3 个三级指标' });
  });

  it('评价标准 with no target and no actual column stays a scorecard: no indicators', () => {
    const ctx = extract(
      textDocument(
        row('一级指标', '二级指标', '三级指标', '分值', '评价标准', '得分'),
        row('产出指标', '数量指标', '林木管护面积', '20', '完成目标得满分，每少1%扣1分', '20'),
        row('', '时效指标', '病虫害处置时限', '10', '按时处置得满分，超时不得分', '7'),
      ),
      extractIndicatorTable,
    );
    assert.equal(valueAt(ctx, 'indicators'), undefined);
    assert.equal(foundAt(ctx, 'indicators'), undefined);
  });

  it('评价标准 with a target but no actual column stays a scorecard too', () => {
    const ctx = extract(
      textDocument(
        row('一级指标', '二级指标', '三级指标', '分值', '评价标准', '指标值', '得分'),
        row('产出指标', '数量指标', '林木管护面积', '20', '完成目标得满分，每少1%扣1分', '≥5000亩', '20'),
      ),
      extractIndicatorTable,
    );
    assert.equal(valueAt(ctx, 'indicators'), undefined);
  });
});

describe('indicator table: merged cells printed centred, and what the blank form leaves', () => {
  it('the first rows before a centred 二级 cell take it; a 二级 word of another group moves the 一级 on until its own cell is met', () => {
    const ctx = extract(
      textDocument(
        HEADER,
        row('', '', '培训人次', '≥300人次', '320人次', ''),
        row('', '数量指标', '培训场次', '≥10场', '12场', ''),
        row('产出指标', '质量指标', '合格率', '≥95%', '96%', ''),
        row('', '社会效益指标', '受益人数', '≥500人', '520人', ''),
        row('效益指标', '', '带动就业人数', '≥20人', '22人', ''),
      ),
      extractIndicatorTable,
    );
    assert.deepStrictEqual(lines(ctx), [
      '产出指标 / 数量指标 / 培训人次: ≥300人次 → 320人次',
      '产出指标 / 数量指标 / 培训场次: ≥10场 → 12场',
      '产出指标 / 质量指标 / 合格率: ≥95% → 96%',
      '效益指标 / 社会效益指标 / 受益人数: ≥500人 → 520人',
      '效益指标 / 社会效益指标 / 带动就业人数: ≥20人 → 22人',
    ]);
  });

  it('a 一级 cell printed a piece a row ("产出" ⏎ "指标" ⏎ "（50分）") names its group; a piece that makes no word is kept as printed', () => {
    const ctx = extract(
      textDocument(
        HEADER,
        row('', '数量指标', '培训人次', '≥300人次', '320人次', ''),
        row('产出', '', '培训场次', '≥10场', '12场', ''),
        row('指标', '质量指标', '合格率', '≥95%', '96%', ''),
        row('（50分）', '', '优良率', '≥80%', '85%', ''),
        row('效益指标', '社会效益指标', '受益人数', '≥500人', '520人', ''),
      ),
      extractIndicatorTable,
    );
    assert.deepStrictEqual(lines(ctx).map((l) => l.split(':')[0]), ['产出指标 / 数量指标 / 培训人次', '产出指标 / 数量指标 / 培训场次', '产出指标 / 质量指标 / 合格率', '产出指标 / 质量指标 / 优良率', '效益指标 / 社会效益指标 / 受益人数']);
  });

  it('满意度 under 效益指标 (an older framework) stays there unless the table has 满意度指标 as a first level of its own', () => {
    const older = extract(textDocument(HEADER, row('效益指标', '社会效益指标', '受益人数', '≥500人', '520人', ''), row('', '满意度指标', '群众满意度', '≥90%', '93%', '')), extractIndicatorTable);
    assert.deepStrictEqual(lines(older)[1], '效益指标 / 满意度指标 / 群众满意度: ≥90% → 93%');
    const newer = extract(
      textDocument(HEADER, row('效益指标', '社会效益指标', '受益人数', '≥500人', '520人', ''), row('', '服务对象满意度指标', '群众满意度', '≥90%', '93%', ''), row('满意度指标', '', '游客满意度', '≥85%', '88%', '')),
      extractIndicatorTable,
    );
    assert.deepStrictEqual(lines(newer).slice(1), ['满意度指标 / 服务对象满意度指标 / 群众满意度: ≥90% → 93%', '满意度指标 / 服务对象满意度指标 / 游客满意度: ≥85% → 88%']);
  });

  it('the blank form’s numbering (指标1：) is not part of a name, and its unfilled rows (……, 指标2：) are no indicators', () => {
    const ctx = extract(
      textDocument(
        row('一级指标', '二级指标', '三级指标', '年度指标值', '实际完成指标值（B）', '分值', '得分'),
        row('产出指标', '数量指标', '指标1：维修学校数量', '≥12所', '12所', '10', '10'),
        row('', '', '……', '', '', '', ''),
        row('', '', '指标2：', '', '', '', ''),
        row('', '质量指标', '指标1：验收合格率', '=100%', '100%', '10', '10'),
      ),
      extractIndicatorTable,
    );
    assert.deepStrictEqual(lines(ctx), ['产出指标 / 数量指标 / 维修学校数量: ≥12所 → 12所', '产出指标 / 质量指标 / 验收合格率: =100% → 100%']);
  });
});
