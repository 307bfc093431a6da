/** Writes docs/audit.md from the rule registry: every rule's code, category, severity and what it checks. */
import { writeFileSync } from 'node:fs';
import { CATEGORY_LABELS, RULES, SEVERITY_LABELS } from '../src/core/audit/index.ts';

const lines = [
  '# 审核规则 / Audit rules',
  '',
  '由 `npm run docs` 从规则注册表（`src/core/audit/`）生成，勿手改。Generated from the rule registry by `npm run docs`.',
  '',
  '`jixiao audit FILE|DIR… [--rubric ID] [--json] [--format text|html] [--summary] [--out DIR] [--lang en]`',
  '',
  '- 每条发现：规则代码、严重程度（错误/警告/提示）、类别、中文说明（`--lang en` 英文）、印出值、计算值或另一处的值、涉及的全部位置（章节、表、行、原文）。按在文件中的位置排序。',
  '- 退出码：0 无错误；2 输入有误；3 有错误级发现（脚本可据此把关）。',
  '- `--json` 形状：`{ ok, file, documentKind, documentKindLabel, department, year, rubric, selfScore, computedScore, maxScore, grade, counts: { error, warning, info }, findings: [{ rule, severity, category, title, message, printed, computed, formula, locations: [{ field, file, page, line, section, table, row, column, text, role }] }], scores: [...] }`；多份时为数组；`--summary --json` 为 `{ documents, rows: [{ rank, file, department, year, documentKind, selfScore, computedScore, maxScore, errors, warnings, infos, failed? }] }`（按复核分占满分的比例排名）。',
  '- 四舍五入：印出的比率在按其小数位四舍五入后与精确值相等即视为一致；合计与各行之和允许每行及合计各差半个末位。',
  '- 精确度优先于召回：每个种子文件的发现都经人工核实，清单见 `test/fixtures/findings/`；测试要求不多不少。',
  '- 某条规则在某份文件上出错时，不影响其余规则：它的发现由一条 `rule-failed`（警告，写明规则与原因）代替。A rule that faults on a document leaves one `rule-failed` warning instead of its findings; the other rules run.',
  '',
  '| 规则 rule | 类别 category | 严重程度 severity | 检查什么 what it checks |',
  '| --- | --- | --- | --- |',
  ...RULES.map((r) => `| \`${r.code}\` ${r.title.zh} / ${r.title.en} | ${CATEGORY_LABELS[r.category].zh} | ${SEVERITY_LABELS[r.severity].zh} | ${r.description.zh}<br>${r.description.en} |`),
  '',
  '## 尚未覆盖 / Not yet covered',
  '',
  '- 红色预警（指标得分远超执行得分）需 90/10 结构的评分表（财预〔2020〕10号），内置评分表尚无此结构。',
  '- “其中”所列分项只用于佐证总数（如 62 次 = 9 + 45 + …）；分项多于总数不单独报，因为“其中”常只列一部分、且列表边界难以可靠判断。',
  '- 主语用词不同的同一事项（“监督检查各类生产经营单位”与“执法检查企业数量”）、OCR 截断的主语，无法可靠配对，不报。',
  '',
];
writeFileSync(new URL('../docs/audit.md', import.meta.url), `${lines.join('\n')}`);
console.log(`docs/audit.md: ${RULES.length} rules`);
