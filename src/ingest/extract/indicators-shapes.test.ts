/**
 * Indicator tables as copies leave them: a header shifted by a merged label cell the rows do not have, rows that lost
 * the cells of merged columns on their left, a two-row header flattened into one row with the first data row glued on,
 * a table whose 一级指标 is never printed. Every name and figure here is invented, in the shapes published forms take.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { extractIndicatorTable, indicatorRowShift, level1Cell, level1Of, unglueHeader } from './indicators.ts';
import { extract, row, textDocument, valueAt } from './testing.ts';

const pick = (ctx: ReturnType<typeof extract>) =>
  (valueAt(ctx, 'indicators') as Record<string, unknown>[]).map((i) => [i['level1'] ?? null, i['level2'] ?? null, i['name'], i['target'] ?? null, i['actual'] ?? null, i['score'] ?? null]);

describe('extractIndicatorTable: a header shifted by a merged label cell, rows without their merged cells', () => {
  const ctx = extract(
    textDocument(
      '2023年度图书馆数字资源项目自评表',
      row('项目名称', '数字资源建设'),
      row('年度绩效目标1（80分）', '一级指标', '二级指标', '三级指标', '年初目标值(A)', '实际完成值(B)', '得分'),
      row('产出指标(40分)', '数量指标', '存储设备采购', '3台', '3台', '10'),
      row('无线网络覆盖', '100%覆盖', '100%覆盖'),
      row('质量指标', '数字资源更新', '当年资源为主', '当年资源为主', '10'),
      row('时效指标', '服务时长', '全天候', '全天候', '10'),
      row('成本指标', '采购成本', '≤5万元', '4.8万元', '10'),
      row('效益指标(30分)', '社会效益', '读者检索便利', '明显提升', '明显提升', '10'),
      row('环境效益', '无纸化阅读', '良好', '良好', '10'),
      row('满意度指标(10分)', '服务对象满意度', '读者满意度', '≥90%', '95%', '10'),
    ),
    extractIndicatorTable,
    { kind: 'weighted-section-form' },
  );

  test('every row is read under its header: 年初目标值(A) as the target, 实际完成值(B) as the actual', () => {
    assert.deepEqual(pick(ctx), [
      ['产出指标', '数量指标', '存储设备采购', '3台', '3台', '10'],
      ['产出指标', '数量指标', '无线网络覆盖', '100%覆盖', '100%覆盖', null],
      ['产出指标', '质量指标', '数字资源更新', '当年资源为主', '当年资源为主', '10'],
      ['产出指标', '时效指标', '服务时长', '全天候', '全天候', '10'],
      ['产出指标', '成本指标', '采购成本', '≤5万元', '4.8万元', '10'],
      ['效益指标', '社会效益', '读者检索便利', '明显提升', '明显提升', '10'],
      ['效益指标', '环境效益', '无纸化阅读', '良好', '良好', '10'],
      ['满意度指标', '服务对象满意度', '读者满意度', '≥90%', '95%', '10'],
    ]);
  });

  test('the source of a row that lost its leading cells is its name’s own cell', () => {
    const second = (valueAt(ctx, 'indicators') as Record<string, unknown>[])[1]!;
    assert.deepEqual([(second['source'] as { line: number }).line, (second['source'] as { column: number }).column], [5, 1]);
  });
});

describe('extractIndicatorTable: rows a copy split or ran together', () => {
  test('a row of figures without its name is passed over, not taken for the end of the table', () => {
    const ctx = extract(
      textDocument(
        row('一级指标', '二级指标', '三级指标', '指标值', '实际值', '分值', '得分'),
        row('产出指标', '数量指标', '宣传活动场次', '≥12次', '14次', '20', '20'),
        row('有效', '10', '10'),
        row('效益指标', '社会效益指标', '群众知晓率', '≥90%', '93%', '20', '20'),
      ),
      extractIndicatorTable,
      { kind: 'weighted-section-form' },
    );
    assert.deepEqual(pick(ctx).map((r) => r[2]), ['宣传活动场次', '群众知晓率']);
  });

  test('a two-row header flattened into one row with its first data row glued on', () => {
    const ctx = extract(
      textDocument(
        row('绩效指标', '年度指标值', '实际完成值', '分值', '得分', '一级指标', '二级指标', '三级指标', '指标性质', '指标值', '度量单位', '产出指标', '数量指标', '巡查里程', '≥', '300', '公里', '320', '50', '50'),
        row('质量指标', '巡查记录完整率', '=', '100', '%', '100%', '30', '30'),
        row('满意度指标', '服务对象满意度指标', '沿线群众满意度', '≥', '85', '%', '90%', '20', '19'),
      ),
      extractIndicatorTable,
      { kind: 'system-export' },
    );
    assert.deepEqual(pick(ctx), [
      ['产出指标', '数量指标', '巡查里程', '≥300公里', '320', '50'],
      ['产出指标', '质量指标', '巡查记录完整率', '=100%', '100%', '30'],
      ['满意度指标', '服务对象满意度指标', '沿线群众满意度', '≥85%', '90%', '19'],
    ]);
  });

  test('without a 一级指标 column, each indicator’s group follows from its 二级 word', () => {
    const ctx = extract(
      textDocument(
        row('二级指标', '三级指标', '目标值', '完成值', '分值', '得分'),
        row('数量指标', '培训人次', '≥500', '520', '30', '30'),
        row('社会效益指标', '培训后就业率', '≥80%', '85%', '30', '30'),
        row('服务对象满意度指标', '学员满意度', '≥90%', '92%', '20', '20'),
      ),
      extractIndicatorTable,
      { kind: 'weighted-section-form' },
    );
    assert.deepEqual(pick(ctx).map((r) => [r[0], r[2]]), [['产出指标', '培训人次'], ['效益指标', '培训后就业率'], ['满意度指标', '学员满意度']]);
  });
});

describe('the pieces', () => {
  const c = { level1: 1, level2: 2, name: 3, target: 4, actual: 5, score: 6 };

  test('indicatorRowShift: where a row starts, by its first cell, only when its cells fit their columns', () => {
    assert.equal(indicatorRowShift(['产出指标(40分)', '数量指标', '存储设备采购', '3台', '3台', '10'], c, 7), 1);
    assert.equal(indicatorRowShift(['质量指标', '数字资源更新', '当年', '当年', '10'], c, 7), 2);
    assert.equal(indicatorRowShift(['无线网络覆盖', '100%覆盖', '100%覆盖'], c, 7), 3);
    assert.equal(indicatorRowShift(['', '产出指标', '数量指标', 'X', '1', '1', '5'], c, 7), 0, 'already in place');
    assert.equal(indicatorRowShift(['', '', '产出指标', '数量指标', 'X', '1', '1', '5'], c, 8), -1, 'one empty cell too many');
    assert.equal(indicatorRowShift(['年度总体目标', '完成全部任务'], c, 7), 0, 'a name with a single value is no indicator row');
    assert.equal(indicatorRowShift(['其他需要说明事项', '无', '总分', '100'], c, 7), 0);
    assert.equal(indicatorRowShift(['环境效益', '无纸化阅读', '良好', '良好', '优'], c, 7), 0, 'no figure under 得分: not placed');
    assert.equal(indicatorRowShift(['有效', '10', '10'], c, 7), 0, 'a name with target and actual, or 完成值 | 分值 | 得分: not certain');
  });

  test('unglueHeader: the lower row’s cells in place of the upper-row group they sit under, and the glued row', () => {
    const keyOf = (x: string) =>
      ({ 一级指标: 'level1', 二级指标: 'level2', 三级指标: 'name', 年度指标值: 'target', 指标值: 'target', 实际完成值: 'actual', 分值: 'weight', 得分: 'score', 指标性质: 'direction', 度量单位: 'unitOfMeasure' })[x];
    assert.deepEqual(unglueHeader(['说明', '绩效指标', '年度指标值', '实际完成值', '分值', '得分', '一级指标', '二级指标', '三级指标', '指标性质', '指标值', '度量单位', '产出指标', '数量指标', 'X'], keyOf), {
      header: ['一级指标', '二级指标', '三级指标', '指标性质', '指标值', '度量单位', '实际完成值', '分值', '得分'],
      firstRowAt: 12,
    });
    assert.deepEqual(unglueHeader(['一级指标', '二级指标', '三级指标', '年度指标值', '产出指标', '数量指标', 'X'], keyOf), { header: ['一级指标', '二级指标', '三级指标', '年度指标值'], firstRowAt: 4 });
    assert.equal(unglueHeader(['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值'], keyOf), undefined, 'an ordinary header');
    assert.equal(unglueHeader(['实际完成值', '一级指标', '二级指标', '三级指标', '指标性质'], keyOf), undefined, 'no group word: order not certain');
  });

  test('level1Of: the national framework’s groups', () => {
    assert.deepEqual(['数量指标', '成本', '经济效益指标', '可持续影响指标', '服务对象满意度指标', '履职效能'].map(level1Of), ['产出指标', '产出指标', '效益指标', '效益指标', '满意度指标', undefined]);
  });
});

describe('extractIndicatorTable: groups as rows, short first-level words, the label down the left', () => {
  test('an indicator tree in one name column: the group rows (产出指标, 数量指标 … with subtotals) are levels, not indicators', () => {
    const ctx = extract(
      textDocument(
        row('指标名称', '计算符号', '指标值', '实际完成值', '计量单位', '分值', '得分'),
        row('产出指标', '', '', '', '', '50', '49'),
        row('数量指标', '', '', '', '', '30', '29'),
        row('巡查河道长度', '≥', '120', '118', '公里', '30', '29'),
        row('成本指标', '', '', '', '', '20', '20'),
        row('单位巡查成本', '≤', '800', '760', '元/公里', '20', '20'),
        row('满意度指标', '', '', '', '', '10', '10'),
        row('服务对象满意度指标', '', '', '', '', '10', '10'),
        row('沿河群众满意度', '≥', '90', '94', '%', '10', '10'),
      ),
      extractIndicatorTable,
    );
    assert.deepEqual(pick(ctx), [
      ['产出指标', '数量指标', '巡查河道长度', '≥120公里', '118', '29'],
      ['产出指标', '成本指标', '单位巡查成本', '≤800元/公里', '760', '20'],
      ['满意度指标', '服务对象满意度指标', '沿河群众满意度', '≥90%', '94', '10'],
    ]);
  });

  test('a short first-level word with its weight on the next row ("投入" ⏎ "（15分）") is the group’s word from its first row; 产出 with 数量指标 stays 产出', () => {
    const ctx = extract(
      textDocument(
        row('一级指标', '二级指标', '三级指标', '分值', '年度指标值', '实际完成值', '得分'),
        row('投入', '预算编制', '预算编制科学性', '5', '科学', '科学', '5'),
        row('（15分）', '', '基本支出保障率', '10', '=100%', '100%', '10'),
        row('产出', '数量指标', '培训人次', '40', '≥500人次', '520人次', '40'),
        row('（45分）', '质量指标', '培训合格率', '5', '≥95%', '97%', '5'),
        row('满意度', '服务对象满意度', '学员满意度', '40', '≥90%', '93%', '40'),
      ),
      extractIndicatorTable,
    );
    assert.deepEqual(pick(ctx).map((x) => [x[0], x[2]]), [
      ['投入', '预算编制科学性'],
      ['投入', '基本支出保障率'],
      ['产出', '培训人次'],
      ['产出', '培训合格率'],
      ['满意度', '学员满意度'],
    ]);
  });

  test('a 一级 cell printed a piece a row still waits for its last piece ("产出" ⏎ "指标")', () => {
    const state = {};
    assert.equal(level1Cell('产出', state, '指标'), '');
    assert.equal(level1Cell('指标', state, ''), '产出指标');
    assert.equal(level1Cell('效益', {}, '（30分）'), '效益');
  });

  test('the form’s label printed down the left of the rows (绩效 ⏎ 指标) does not end the table', () => {
    const ctx = extract(
      textDocument(
        row('', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'),
        row('绩效', '产出指标', '数量指标', '新建站点', '≥12个', '12个', '50', '50'),
        row('指标', '', '质量指标', '验收合格率', '100%', '100%', '40', '40'),
        row('', '满意度指标', '服务对象满意度指标', '居民满意度', '≥90%', '92%', '10', '10'),
      ),
      extractIndicatorTable,
    );
    assert.deepEqual(pick(ctx).map((x) => x[2]), ['新建站点', '验收合格率', '居民满意度']);
  });
});

test('extractIndicatorTable: the form’s label in the header’s 一级 cell ("绩效 一级指标") and down its column; 一级 and 二级 words run together in one cell', () => {
  const ctx = extract(
    textDocument(
      row('绩效 一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'),
      row('指标', '数量指标', '新建站点', '≥12个', '12个', '40', '40'),
      row('产出指标', '质量指标', '验收合格率', '100%', '100%', '30', '30'),
      row('效益指标', '社会效益指标', '受益人数', '≥5000人', '5200人', '20', '20'),
      row('满意度指标 服务对象满意度指标（10分）', '', '居民满意度', '≥90%', '93%', '10', '10'),
    ),
    extractIndicatorTable,
  );
  assert.deepEqual(pick(ctx).map((x) => [x[0], x[1], x[2]]), [
    // 指标 is the label's piece, not a group: the group follows from the 二级 word.
    ['产出指标', '数量指标', '新建站点'],
    ['产出指标', '质量指标', '验收合格率'],
    ['效益指标', '社会效益指标', '受益人数'],
    ['满意度指标', '服务对象满意度指标', '居民满意度'],
  ]);
});

test('extractIndicatorTable: a 二级 word and the name run together with one space, the name’s cell empty ("可持续影响指标 县域内就诊率"); a target is never taken for a name', () => {
  const ctx = extract(
    textDocument(
      row('一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'),
      row('效益指标', '社会效益指标', '传染病报告及时率', '≥95%', '98.1%', '10', '10'),
      row('', '可持续影响指标 县域内就诊率', '', '≥90%', '91.2%', '5', '5'),
      row('', '质量指标 ≥98%', '', '', '99%', '5', '5'),
    ),
    extractIndicatorTable,
  );
  assert.deepEqual(pick(ctx).slice(0, 2).map((x) => [x[0], x[1], x[2], x[3], x[4]]), [
    ['效益指标', '社会效益指标', '传染病报告及时率', '≥95%', '98.1%'],
    ['效益指标', '可持续影响指标', '县域内就诊率', '≥90%', '91.2%'],
  ]);
  assert.equal(pick(ctx).some((x) => x[2] === '≥98%'), false);
});

test('extractIndicatorTable: a total row that names whose total it is (部门整体支出总分) closes the table and gives the self-score', () => {
  const ctx = extract(
    textDocument(
      row('一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'),
      row('产出指标', '数量指标', '执法检查企业数', '≥1200家', '1250家', '90', '90'),
      row('预算执行', '', '预算执行率', '100%', '97.66%', '10', '9.77'),
      row('部门整体支出总分', '', '', '', '', '100', '99.77'),
    ),
    extractIndicatorTable,
  );
  assert.deepEqual(pick(ctx).map((x) => x[2]), ['执法检查企业数', '预算执行率']);
  assert.deepEqual([valueAt(ctx, 'selfScores.total'), valueAt(ctx, 'selfScores.max')], ['99.77', '100']);
});

describe('extractIndicatorTable: directions in words, a 二级 word over two rows, 一级 words centred in their groups', () => {
  test('指标方向 in words (大于等于, 小于等于, 等于) is the target’s sign', () => {
    const ctx = extract(
      textDocument(
        row('一级指标', '二级指标', '三级指标', '指标性质', '指标方向', '指标值', '实际完成值', '计量单位', '分值', '得分'),
        row('产出指标', '数量指标', '新建农田', '正向', '大于等于', '3.5', '3.62', '万亩', '50', '50'),
        row('', '成本指标', '亩均成本', '反向', '小于等于', '1500', '1480', '元/亩', '40', '40'),
        row('满意度指标', '服务对象满意度指标', '农户满意度', '正向', '等于', '100', '100', '%', '10', '10'),
      ),
      extractIndicatorTable,
    );
    assert.deepEqual(pick(ctx).map((x) => x[3]), ['≥3.5万亩', '≤1500元/亩', '=100%']);
  });

  test('a 二级 word whose 指标 the next row printed ("质量" ⏎ "指标") is the group’s word on both rows', () => {
    const ctx = extract(
      textDocument(
        row('一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'),
        row('产出指标', '数量指标', '新建站点', '≥12个', '12个', '30', '30'),
        row('', '质量', '验收合格率', '100%', '100%', '30', '30'),
        row('', '指标', '设备完好率', '≥95%', '97%', '30', '30'),
        row('满意度指标', '服务对象满意度指标', '居民满意度', '≥90%', '93%', '10', '10'),
      ),
      extractIndicatorTable,
    );
    assert.deepEqual(pick(ctx).map((x) => x[1]), ['数量指标', '质量指标', '质量指标', '服务对象满意度指标']);
  });

  test('weights in 一级 words printed lower than their groups’ first rows make no sections: which rows they cover is not certain', () => {
    const ctx = extract(
      textDocument(
        row('一级指标', '二级指标', '三级指标', '分值', '指标值', '实际完成值', '得分'),
        row('', '预算配置', '在职人员控制率', '10', '≤100%', '96%', '10'),
        row('投入（20分）', '', '三公经费变动率', '10', '≤0', '-4%', '10'),
        row('', '产出', '抽检批次', '40', '≥1200批次', '1236批次', '40'),
        row('产出（80分）', '', '办结率', '40', '100%', '100%', '40'),
      ),
      extractIndicatorTable,
    );
    assert.equal(valueAt(ctx, 'selfScores.items'), undefined);
    assert.equal(pick(ctx).length, 4);
  });

  test('a 合计 of the indicators worth less than 100 is their subtotal, not the self-score; 总分 is', () => {
    const lines = [
      row('一级指标', '二级指标', '三级指标', '指标值', '实际完成值', '分值', '得分'),
      row('产出指标', '数量指标', '新建站点', '≥12个', '12个', '90', '89.6'),
    ];
    const sub = extract(textDocument(...lines, row('合计', '', '', '', '', '90', '89.6')), extractIndicatorTable);
    assert.equal(valueAt(sub, 'selfScores.total'), undefined);
    const whole = extract(textDocument(...lines, row('总分', '', '', '', '', '90', '89.6')), extractIndicatorTable);
    assert.equal(valueAt(whole, 'selfScores.total'), '89.6');
  });
});

test('extractIndicatorTable: a name and its target run together with one space, the target’s cell empty, are read apart', () => {
  const ctx = extract(
    textDocument(
      row('一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'),
      row('产出指标', '质量指标', '计量器具强制检定合格率 ≥98%', '', '98.6%', '6', '6'),
      row('', '成本指标', '单批次食品抽检平均成本 ≤1800元/批次', '', '1745元/批次', '10', '10'),
      // A name with a space of its own and no sign after it stays whole.
      row('', '时效指标', '“双随机、一公开” 抽查', '≥95%', '97%', '4', '4'),
    ),
    extractIndicatorTable,
  );
  assert.deepEqual(pick(ctx).map((x) => [x[2], x[3]]), [
    ['计量器具强制检定合格率', '≥98%'],
    ['单批次食品抽检平均成本', '≤1800元/批次'],
    ['“双随机、一公开” 抽查', '≥95%'],
  ]);
});
