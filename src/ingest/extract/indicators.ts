/**
 * The three-level performance indicator table (绩效指标: 一级 / 二级 / 三级, 指标值, 完成值 …). Merged level-1 and
 * level-2 cells are filled down from the row above; placeholder rows without a level-3 name are skipped.
 */
import { compactLabel } from '../../core/text/normalize.ts';
import { type ExtractContext, put, sourceAt } from './context.ts';
import { type ColumnSpec, alignValues, findHeader, isSequenceNumber } from './table-columns.ts';

type Key = 'level1' | 'level2' | 'name' | 'multiYearTarget' | 'target' | 'actual' | 'weight' | 'score' | 'deviationReason' | 'direction' | 'unitOfMeasure';

const COLUMNS: readonly ColumnSpec<Key>[] = [
  { key: 'level1', re: /^一级指标(?:名称)?$/ },
  { key: 'level2', re: /^二级指标(?:名称)?$/ },
  { key: 'name', re: /^三级指标(?:名称)?$|^指标名称$/ },
  { key: 'multiYearTarget', re: /实施周期指标值|中长期指标值|实施期指标值/ },
  { key: 'actual', re: /实际完成值|^完成值$|^实际值$|^指标完成(?:情况|值)$|^实际完成情况$|全年实际值/ },
  { key: 'target', re: /年度指标值|^指标值$|^目标值$|年度目标值|^年度指标$/ },
  { key: 'score', re: /^得分$|^自评得分$/ },
  { key: 'weight', re: /^分值$|^权重$/ },
  { key: 'deviationReason', re: /偏差原因|未完成原因|原因分析/ },
  { key: 'direction', re: /^指标性质$|^指标方向$/ },
  { key: 'unitOfMeasure', re: /^度量单位$|^计量单位$/ },
];

const VALUE_KEYS: readonly Key[] = ['multiYearTarget', 'target', 'actual', 'weight', 'score', 'deviationReason', 'direction', 'unitOfMeasure'];
const DIRECTIONS: Readonly<Record<string, string>> = { '≥': 'gte', '>=': 'gte', '＞': 'gte', '>': 'gte', '≤': 'lte', '<=': 'lte', '＜': 'lte', '<': 'lte', '=': 'eq', '＝': 'eq', 定性: 'qualitative' };

export function extractIndicatorTable(ctx: ExtractContext): void {
  const out: Record<string, unknown>[] = [];
  let firstSource: ReturnType<typeof sourceAt> | undefined;
  for (const table of ctx.seg.tables) {
    const header = findHeader(table, COLUMNS, ['level1', 'level2', 'name']);
    if (!header) continue;
    // A scorecard (评分表) has 一级/二级/三级 too, but scores a rubric, not the department's own indicators.
    if (table.rows.slice(0, header.rowIndex + 3).some((r) => r.cells.some((x) => /评分标准|自评得分|评分要点/.test(x)))) continue;
    const c = header.columns;
    let level1 = '';
    let level2 = '';
    for (const row of table.rows.slice(header.rowIndex + 1)) {
      const before = row.cells.slice(0, c.level1!).filter((x) => x !== '' && !isSequenceNumber(x));
      // A filled cell left of 一级指标 that is neither the table's own label nor a row number (序号) starts another
      // part of the form.
      if (before.length && compactLabel(before[0]!) !== compactLabel(table.rows[header.rowIndex]!.cells[0] ?? '')) break;
      const l1 = row.cells[c.level1!] ?? '';
      const l2 = row.cells[c.level2!] ?? '';
      const name = row.cells[c.name!] ?? '';
      if (/^一级指标/.test(compactLabel(l1))) continue; // a header repeated after a page break
      if (l1) {
        level1 = l1;
        level2 = '';
      }
      if (l2) level2 = l2;
      if (!name) continue;
      const v = alignValues(row, header, VALUE_KEYS, c.name!);
      const line = row.cellLines[c.name!] ?? row.lines[0]!;
      const source = sourceAt(ctx, line, c.name, [level1, level2, name, v.target ?? ''].filter(Boolean).join(' | '));
      firstSource ??= source;
      const direction = v.direction ? DIRECTIONS[v.direction.trim()] : undefined;
      out.push({
        ...(level1 ? { level1 } : {}),
        ...(level2 ? { level2 } : {}),
        name,
        ...(v.target ? { target: v.target } : {}),
        ...(v.multiYearTarget ? { multiYearTarget: v.multiYearTarget } : {}),
        ...(v.actual ? { actual: v.actual } : {}),
        ...(v.unitOfMeasure ? { unitOfMeasure: v.unitOfMeasure } : {}),
        ...(direction ? { direction } : {}),
        ...(v.weight && /^\d+(?:\.\d+)?$/.test(v.weight) ? { weight: v.weight } : {}),
        ...(v.score && /^\d+(?:\.\d+)?$/.test(v.score) ? { score: v.score } : {}),
        ...(v.deviationReason ? { deviationReason: v.deviationReason } : {}),
        source,
      });
    }
  }
  if (out.length && firstSource) put(ctx, 'indicators', out, `${out.length} 个三级指标`, firstSource);
}
