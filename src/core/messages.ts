/**
 * Message catalogues (zh-CN first, en second) for every problem code, with what to do about it.
 * A test fails when a code used anywhere in src/ lacks a message here.
 */
import type { Problem } from './problem.ts';
import { formatPath } from './problem.ts';

export type Lang = 'zh' | 'en';

interface Entry {
  readonly zh: string;
  readonly en: string;
  readonly fixZh?: string;
  readonly fixEn?: string;
}

export const MESSAGES: Readonly<Record<string, Entry>> = {
  'empty-file': { zh: '文件为空', en: 'the file is empty', fixZh: '请填写评价数据，格式见 docs/file-format.md', fixEn: 'fill in the data; see docs/file-format.md' },
  'yaml-too-many-aliases': { zh: '文件中的别名（&锚点 与 *引用）展开超过 {limit} 次，疑为“别名炸弹”，已拒绝', en: 'the file expands its aliases (&anchors and *references) more than {limit} times, like an "alias bomb", and was refused', fixZh: '评价文件不需要 YAML 别名：请直接写出内容', fixEn: 'evaluation files need no YAML aliases: write the content out' },
  'syntax-error': { zh: 'YAML/JSON 语法错误：{detail}', en: 'YAML/JSON syntax error: {detail}', fixZh: '检查缩进、冒号和引号', fixEn: 'check indentation, colons and quotes' },
  'not-an-evaluation': { zh: '文件内容不是评价数据（应为一个键值对象）', en: 'this is not an evaluation (expected a mapping of fields)', fixZh: '参照 examples/ 中的文件', fixEn: 'see the files in examples/' },
  'not-a-rubric': { zh: '文件内容不是评分标准（应为一个键值对象）', en: 'this is not a rubric (expected a mapping of fields)', fixZh: '参照 rubrics/ 中的文件', fixEn: 'see the files in rubrics/' },
  required: { zh: '缺少必填项', en: 'a required field is missing', fixZh: '补上此项', fixEn: 'add this field' },
  'wrong-type': { zh: '类型不对：应为 {expected}，实为 {got}', en: 'wrong type: expected {expected}, got {got}' },
  'unknown-field': { zh: '未知字段“{field}”', en: 'unknown field "{field}"', fixZh: '检查拼写；可用字段见 schema/evaluation.schema.json', fixEn: 'check the spelling; fields are listed in schema/evaluation.schema.json' },
  'not-allowed-value': { zh: '取值 {got} 不允许，可选：{allowed}', en: 'value {got} is not allowed; choose one of: {allowed}' },
  'too-small': { zh: '取值 {got} 过小（最小 {minimum}）', en: 'value {got} is too small (minimum {minimum})' },
  'too-big': { zh: '取值 {got} 过大（最大 {maximum}）', en: 'value {got} is too large (maximum {maximum})' },
  invalid: { zh: '数据无效：{detail}', en: 'invalid data: {detail}' },
  'unknown-unit': { zh: '未知金额单位“{got}”', en: 'unknown money unit "{got}"', fixZh: '金额单位只能是 元 或 万元', fixEn: 'the unit must be 元 or 万元' },
  'missing-unit': { zh: '金额没有单位', en: 'the amount has no unit', fixZh: '在文件或表格上写 unit: 万元', fixEn: 'write unit: 万元 on the file or table' },
  'not-an-amount': { zh: '“{got}”不是金额', en: '"{got}" is not an amount', fixZh: '写成数字，如 1234.56 或 "1,234,567.89 元"', fixEn: 'write a number such as 1234.56 or "1,234,567.89 元"' },
  'negative-amount': { zh: '金额不能为负数：{got}', en: 'the amount cannot be negative: {got}', fixZh: '预算和支出填正数；调减数填在 decrease 中', fixEn: 'budgets and spending are positive; write reductions under decrease' },
  'not-a-count': { zh: '“{got}”不是个数', en: '"{got}" is not a count', fixZh: '写成非负整数，如 60', fixEn: 'write a whole number such as 60' },
  'not-a-year': { zh: '“{got}”不是年度', en: '"{got}" is not a year', fixZh: '写成四位年份，如 2022', fixEn: 'write a four-digit year such as 2022' },
  'not-a-number': { zh: '“{got}”不是数字', en: '"{got}" is not a number' },
  'negative-number': { zh: '不能为负数', en: 'cannot be negative' },
  'not-a-percent': { zh: '“{got}”不是百分比', en: '"{got}" is not a percentage', fixZh: '写成 "95.50%"', fixEn: 'write it as "95.50%"' },
  'number-too-precise': { zh: '数字 {got} 位数过多，可能已失真', en: 'the number {got} has too many digits to be exact', fixZh: '加引号写成文本，如 "12345678901234.56"', fixEn: 'quote it as text, e.g. "12345678901234.56"' },
  'number-too-long': { zh: '数字 {got} 位数过多（整数 {whole} 位、小数 {decimals} 位），不是有效数值', en: 'the number {got} has too many digits ({whole} before and {decimals} after the point) to be a figure', fixZh: '数值最多 {maxWhole} 位整数、{maxDecimals} 位小数；检查是否多录或粘贴错误', fixEn: 'a figure has at most {maxWhole} digits before and {maxDecimals} after the point; check for a paste error' },
  'not-a-finite-number': { zh: '{got} 不是可计算的数值（YAML 中 .nan 表示非数字，.inf 表示无穷大）', en: '{got} is not a figure one can compute with (.nan is not-a-number and .inf infinity in YAML)', fixZh: '写实际数值；没有数值时删去此项', fixEn: 'write the actual figure, or leave the field out' },
  'import-number-too-long': { zh: '第 {line} 行有一个 {whole} 位整数、{decimals} 位小数的数字（{got}），不是金额或数值，已略去', en: 'line {line} holds a number with {whole} digits before and {decimals} after the point ({got}); it is not a figure and was left out', fixZh: '核对原文；数值最多 {maxWhole} 位整数、{maxDecimals} 位小数', fixEn: 'check the document; a figure has at most {maxWhole} digits before and {maxDecimals} after the point' },
  'import-numbers-too-long': { zh: '第 {line} 行有一个 {whole} 位整数、{decimals} 位小数的数字（{got}），另有 {more} 行也有这样的数字；都不是金额或数值，已略去', en: 'line {line} holds a number with {whole} digits before and {decimals} after the point ({got}), and {more} more lines hold such numbers; none is a figure and all were left out', fixZh: '核对原文；数值最多 {maxWhole} 位整数、{maxDecimals} 位小数', fixEn: 'check the document; a figure has at most {maxWhole} digits before and {maxDecimals} after the point' },
  'unknown-printed-key': { zh: '印出值的指标族“{key}”不存在', en: 'printed value for unknown metric family "{key}"', fixZh: '可用：{known}（见 docs/formulas.md）', fixEn: 'known: {known} (see docs/formulas.md)' },
  'unknown-method': { zh: '未知评分方法“{method}”', en: 'unknown scoring method "{method}"', fixZh: '可用方法：{known}', fixEn: 'known methods: {known}' },
  'unknown-metric': { zh: '未知指标“{metric}”', en: 'unknown metric "{metric}"', fixZh: '可用指标：{known}', fixEn: 'known metrics: {known}' },
  'unknown-fact': { zh: '未知事实“{fact}”', en: 'unknown fact "{fact}"', fixZh: '可用事实：{known}', fixEn: 'known facts: {known}' },
  'weights-do-not-add-up': { zh: '“{item}”的下级分值合计 {sum}，与其分值 {weight} 不符', en: 'the parts of "{item}" add up to {sum}, not its weight {weight}', fixZh: '调整下级分值使其合计等于上级分值', fixEn: 'make the parts add up to the weight' },
  'points-above-weight': { zh: '档位得分 {points} 超过分值 {weight}', en: 'tier points {points} exceed the weight {weight}' },
  'duplicate-item': { zh: '同级有重名指标“{item}”', en: 'duplicate item name "{item}" at one level', fixZh: '同级指标名称须唯一', fixEn: 'names must be unique at a level' },
  'veto-has-weight': { zh: '否决项“{item}”不应有分值', en: 'veto item "{item}" must have weight 0' },
  'unknown-rubric': { zh: '未知评分标准“{rubric}”', en: 'unknown rubric "{rubric}"', fixZh: '用 jixiao rubrics 查看可用的评分标准，或给出评分标准文件路径', fixEn: 'run jixiao rubrics for the list, or give a rubric file path' },
  'no-rubric': { zh: '评价文件未指定评分标准', en: 'the evaluation names no rubric', fixZh: '在文件中写 rubric: longgang-2020，或用 --rubric 指定', fixEn: 'write rubric: longgang-2020 in the file or pass --rubric' },
  'file-not-found': { zh: '找不到文件', en: 'file not found', fixZh: '检查路径', fixEn: 'check the path' },
  'file-unreadable': { zh: '无法读取文件：{detail}', en: 'cannot read the file: {detail}' },
  'file-too-large': { zh: '文件过大（{size}），上限 {limit}', en: 'the file is too large ({size}); the limit is {limit}' },
  'not-text': { zh: '文件不是文本（可能是二进制文件，或编码无法识别）', en: 'the file is not text (binary, or an unknown encoding)', fixZh: '评价文件应为 YAML 或 JSON 文本，请另存为 UTF-8 编码', fixEn: 'evaluation files are YAML or JSON text; save it as UTF-8' },
  'unsupported-file-type': { zh: '不支持的文件类型“{ext}”', en: 'unsupported file type "{ext}"', fixZh: '评价文件用 .yaml、.yml 或 .json', fixEn: 'use .yaml, .yml or .json' },
  'self-score-unknown-item': { zh: '自评项“{item}”在评分标准 {rubric} 中找不到', en: 'self-score item "{item}" is not in rubric {rubric}', fixZh: '用评分标准中的指标名称或 id', fixEn: 'use an item name or id from the rubric' },
  'self-score-duplicate-item': { zh: '自评项“{item}”重复', en: 'self-score item "{item}" appears twice' },
  'self-score-above-weight': { zh: '“{item}”自评 {self} 分，超过分值 {weight}', en: '"{item}" self-scored {self}, above its weight {weight}' },
  'self-total-differs': { zh: '印出的自评总分 {printed} 与各项自评之和 {sum} 不符', en: 'printed self-score total {printed} differs from the sum of items {sum}' },
  'no-subordinates': { zh: '评价文件没有下属单位（subordinates），无法汇总', en: 'the evaluation has no subordinate units to aggregate', fixZh: '在 subordinates 下列出各单位的预算与支出', fixEn: 'list the units under subordinates' },
  'duplicate-unit': { zh: '下属单位“{unit}”重复，只计一次', en: 'subordinate unit "{unit}" appears twice; counted once', fixZh: '删除重复的单位', fixEn: 'remove the duplicate' },
  // Import of documents (src/ingest): readers and extractors.
  'unsupported-document-type': { zh: '不支持的文件类型“{ext}”', en: 'unsupported file type "{ext}"', fixZh: '可导入 .txt .md .html .csv .tsv .docx .pdf .xlsx；.doc/.xls/.wps 请先在 Word/Excel/WPS 中另存为 .docx/.xlsx', fixEn: 'import .txt .md .html .csv .tsv .docx .pdf .xlsx; save .doc/.xls/.wps as .docx/.xlsx first' },
  'not-a-document': { zh: '无法识别的文件内容（不是文本、DOCX、PDF 或 XLSX）', en: 'unrecognised content (not text, DOCX, PDF or XLSX)', fixZh: '确认文件未损坏；扩展名可能与内容不符', fixEn: 'check the file is not damaged; its extension may not match its content' },
  'wrong-extension': { zh: '文件扩展名为 {ext}，但内容是 {actual}，已按 {actual} 读取', en: 'the file is named {ext} but is {actual}; read as {actual}' },
  'legacy-office-format': { zh: '这是旧版 Office 文件（.doc/.xls，OLE 格式），无法直接读取', en: 'this is a legacy Office file (.doc/.xls, OLE format) and cannot be read', fixZh: '在 Word/Excel/WPS 中“另存为” .docx 或 .xlsx 后再导入', fixEn: 'save it as .docx or .xlsx in Word/Excel/WPS, then import it' },
  'office-encrypted': { zh: '文件已加密（设置了打开密码）', en: 'the file is encrypted (it has an open password)', fixZh: '在 Word/Excel 中去掉密码（文件 → 信息 → 保护文档）后另存再导入', fixEn: 'remove the password in Word/Excel (File → Info → Protect), save and import again' },
  'zip-corrupt': { zh: '文件损坏：{detail}', en: 'the file is damaged: {detail}', fixZh: '重新获取原件，或在 Word/Excel 中打开后另存', fixEn: 'get the original again, or open and re-save it in Word/Excel' },
  'zip-bomb': { zh: '文件解压后超过 {limit}，疑为压缩炸弹，已拒绝', en: 'the file expands beyond {limit} when unzipped (a zip bomb?) and was refused', fixZh: '确认来源；正常的自评材料远小于此', fixEn: 'check where it came from; real documents are far smaller' },
  'docx-no-body': { zh: 'DOCX 中没有正文（word/document.xml）', en: 'the DOCX has no body (word/document.xml)', fixZh: '在 Word 中打开后另存为 .docx', fixEn: 'open and re-save it as .docx in Word' },
  'xml-corrupt': { zh: '{part} 的 XML 内容损坏：{detail}', en: 'the XML of {part} is damaged: {detail}', fixZh: '在 Word/Excel 中打开后另存', fixEn: 'open and re-save it in Word/Excel' },
  'xlsx-no-sheets': { zh: 'XLSX 中没有工作表', en: 'the XLSX has no worksheets', fixZh: '在 Excel 中打开后另存为 .xlsx', fixEn: 'open and re-save it as .xlsx in Excel' },
  'pdf-corrupt': { zh: 'PDF 文件损坏：{detail}', en: 'the PDF is damaged: {detail}', fixZh: '重新获取原件，或用 PDF 阅读器另存', fixEn: 'get the original again, or re-save it from a PDF reader' },
  'pdf-encrypted': { zh: 'PDF 已加密（需要密码才能打开）', en: 'the PDF is encrypted (it needs a password)', fixZh: '请提供未加密的 PDF，或导出为 DOCX', fixEn: 'provide an unencrypted PDF, or export it as DOCX' },
  'pdf-no-text': { zh: 'PDF 没有文字层（扫描件或图片），无法提取数字', en: 'the PDF has no text layer (a scan or images); no figures can be read', fixZh: '先用 OCR 软件识别文字（如 WPS“图片转文字”、Acrobat“识别文本”），再导入', fixEn: 'run OCR first (e.g. Acrobat "Recognize Text"), then import it' },
  'pdf-pages-without-text': { zh: '第 {pages} 页没有文字层（扫描页），这些页上的数字未读取', en: 'pages {pages} have no text layer (scanned); their figures were not read', fixZh: '对这些页做 OCR 后重新导入', fixEn: 'OCR those pages and import again' },
  'pdf-too-many-pages': { zh: 'PDF 共 {pages} 页，只读取了前 {limit} 页', en: 'the PDF has {pages} pages; only the first {limit} were read' },
  'too-many-lines': { zh: '文件超过 {limit} 行，其余部分未读取', en: 'the file has more than {limit} lines; the rest was not read' },
  'text-invalid-bytes': { zh: '第 {lines} 行有 {count} 处字节不是有效的 {encoding} 编码（第一处在字节偏移 {offset}），已替换为“�”', en: 'lines {lines}: {count} byte sequence(s) are not valid {encoding} (the first at byte offset {offset}); replaced by "�"', fixZh: '核对这些行中的文字与数字；最好请来源方将文件另存为 UTF-8 后重发', fixEn: 'check the words and figures on those lines; better, ask for the file saved as UTF-8' },
  'text-mixed-encoding': { zh: '文件混用了两种编码：第 {lines} 行是 {encoding}，已按 {encoding} 读取，其余按 {other} 读取', en: 'the file mixes two encodings: lines {lines} are {encoding} and were read as such, the rest as {other}', fixZh: '核对这些行；最好用记事本或 WPS 将整个文件另存为 UTF-8', fixEn: 'check those lines; better, save the whole file as UTF-8 in Notepad or WPS' },
  'text-encoding-guessed': { zh: '文件没有编码标记，按内容判断为 {encoding}（依据：{evidence}）', en: 'the file has no encoding mark; judged from its content to be {encoding} (evidence: {evidence})', fixZh: '如导入的文字不对，请将文件另存为 UTF-8 后重新导入', fixEn: 'if the imported text looks wrong, save the file as UTF-8 and import it again' },
  'text-encoding-unsupported': { zh: '无法可靠读取此文本：编码似为 {encoding}（依据：{evidence}），只支持 UTF-8、UTF-16、GB18030/GBK 和 Big5', en: 'this text cannot be read reliably: it seems to be {encoding} (evidence: {evidence}); only UTF-8, UTF-16, GB18030/GBK and Big5 are read', fixZh: '用记事本或 WPS 打开该文件，“另存为”时编码选 UTF-8，再导入', fixEn: 'open the file in Notepad or WPS, save it as UTF-8 ("Save as", encoding), and import it again' },
  'line-too-many-cells': { zh: '第 {lines} 行超过 {limit} 个单元格，只读取了前 {limit} 个', en: 'lines {lines} have more than {limit} cells; only the first {limit} were read', fixZh: '确认文件内容；正常的表格远少于此', fixEn: 'check the file; real tables have far fewer columns' },
  'line-too-long': { zh: '第 {lines} 行超过 {limit} 个字符，超出部分未读取', en: 'lines {lines} are longer than {limit} characters; the rest of each was not read', fixZh: '确认文件内容；必要时把过长的行拆开后重新导入', fixEn: 'check the file; split the long lines and import again if needed' },
  'cell-too-long': { zh: '第 {lines} 行有单元格超过 {limit} 个字符，超出部分未读取', en: 'lines {lines} have cells longer than {limit} characters; the rest of each was not read' },
  'csv-quote-not-closed': { zh: 'CSV 第 {line} 行的引号没有闭合，自该行起引号按普通字符读取', en: 'CSV line {line} opens a quote that is never closed; from that line on quotes are read as plain characters', fixZh: '在 Excel 或 WPS 中打开并另存为 CSV，或改正该行的引号', fixEn: 'open and re-save it as CSV in Excel or WPS, or fix the quotes on that line' },
  'import-timeout': { zh: '处理超过 {seconds} 秒，已停止', en: 'processing took longer than {seconds} s and was stopped', fixZh: '文件可能损坏或过于复杂；可用 --timeout 放宽时限', fixEn: 'the file may be damaged or very complex; --timeout raises the limit' },
  'import-failed': { zh: '导入失败：{detail}', en: 'import failed: {detail}', fixZh: '请带 --debug 重试并报告此问题', fixEn: 'rerun with --debug and report it' },
  'no-figures-found': { zh: '未识别到任何部门整体支出绩效数据（部门、年度、预算、指标等）', en: 'no department-wide performance data (department, year, budget, indicators …) was recognised', fixZh: '确认这是部门整体支出绩效自评表或自评报告；扫描件请先 OCR', fixEn: 'check this is a self-evaluation form or report; OCR scans first' },
  'import-dropped-field': { zh: '读到的“{field}”不符合评价文件格式（{reason}），已略去', en: 'the value read for "{field}" does not fit the evaluation format ({reason}) and was left out', fixZh: '导入后在评价文件中手工补录此项', fixEn: 'enter it by hand in the evaluation file after import' },
  'uncertain-number': { zh: '第 {line} 行的“{got}”像是 PDF 转换或 OCR 拆开、识别错的数字，读法不确定，未按一个数字读取', en: 'line {line}: "{got}" looks like a figure a PDF conversion or OCR split or misread; its reading is uncertain and it was not read as one figure', fixZh: '核对原件，在文件中改正后重新导入', fixEn: 'check the original, correct it in the file and import again' },
  'uncertain-number-pdf': { zh: '第 {page} 页第 {line} 行的“{got}”像是 PDF 转换或 OCR 拆开、识别错的数字，读法不确定，未按一个数字读取', en: 'page {page}, line {line}: "{got}" looks like a figure a PDF conversion or OCR split or misread; its reading is uncertain and it was not read as one figure', fixZh: '核对原件，在导入结果中改正', fixEn: 'check the original and correct the imported result' },
  'uncertain-numbers-more': { zh: '另有 {more} 处数字读法不确定，未一一列出', en: '{more} more figures have an uncertain reading and are not listed', fixZh: '核对原件中的数字', fixEn: 'check the figures against the original' },
  'import-budget-conflict': { zh: '正文中“{field}”有几个不同的数（{values}），无法确定哪个是本部门（本项目）的，未读取', en: 'the text gives several different figures for "{field}" ({values}); which one is the department\'s (the project\'s) is not certain, so none was read', fixZh: '核对原文，在评价文件中填写此项', fixEn: 'check the document and enter this field in the evaluation file' },
  'import-budget-conflict-chosen': { zh: '正文中“{field}”有几个不同的数（{values}），取预算执行部分所写的 {chosen}', en: 'the text gives several different figures for "{field}" ({values}); the one in the budget-execution section, {chosen}, was read', fixZh: '核对原文，必要时在评价文件中改正', fixEn: 'check the document and correct the evaluation file if needed' },
  'unit-by-magnitude': { zh: '表“{table}”的表头单位为 {printed}，但数值量级表明实为 {actual}，已按 {actual} 读取', en: 'table "{table}" says {printed} but its magnitudes are {actual}; read as {actual}', fixZh: '请核对原表单位', fixEn: 'check the unit of the original table' },
  'year-not-found': { zh: '未找到被评价年度', en: 'no evaluation year was found', fixZh: '在评价文件中填写 year（如 year: 2023）后再 compute/score', fixEn: 'add year (e.g. year: 2023) to the evaluation file before compute/score' },
  'year-inferred': { zh: '被评价年度未在标签或标题中写明，由第 {line} 行“{text}”推定为 {year} 年', en: 'the evaluation year is not stated in a label or title; {year} was inferred from line {line}: "{text}"', fixZh: '核对年度；如不对，在评价文件中改正 year 后再 compute/score', fixEn: 'check it; if it is wrong, correct year in the evaluation file before compute/score' },
  'year-not-in-document': { zh: '文件中找不到被评价年度（标签、标题和正文开头都没有“20xx年”），无法生成评价', en: 'the document states no evaluation year anywhere (no "20xx年" in a label, the title or the opening), so no evaluation can be made of it', fixZh: '在文件标题中写明年度（如“2023年度”）后重试；或用 jixiao import 导入，在生成的 YAML 文件中填写 year: 2023，再对该 YAML 文件运行 jixiao summary / compute / score', fixEn: 'write the year into the document\'s title (e.g. "2023年度") and try again; or run jixiao import, write year: 2023 into the YAML file it makes, and run jixiao summary / compute / score on that file' },
  'restore-not-empty': { zh: '恢复被拒绝：目标数据库已有数据（{detail}）', en: 'restore refused: the target store already holds data ({detail})', fixZh: '恢复到一个空的数据目录或空数据库', fixEn: 'restore into an empty data folder or an empty database' },
  'restore-not-a-backup': { zh: '恢复被拒绝：这不是 jixiao 的备份文件（{detail}）', en: 'restore refused: this is not a jixiao backup file ({detail})', fixZh: '选择由 jixiao backup 生成的文件', fixEn: 'choose a file made by jixiao backup' },
  'restore-schema-version': { zh: '恢复被拒绝：备份的数据结构版本与本程序不同（{detail}）', en: 'restore refused: the backup was made with another schema version ({detail})', fixZh: '用生成该备份的 jixiao 版本恢复，或先升级', fixEn: 'restore with the jixiao version that made the backup, or upgrade first' },
  'restore-truncated': { zh: '恢复被拒绝：备份文件不完整（{detail}），未写入任何数据', en: 'restore refused: the backup file is incomplete ({detail}); nothing was written', fixZh: '重新复制或重新生成备份文件', fixEn: 'copy the backup again, or make a new one' },
  'already-an-evaluation': { zh: '这已是评价文件（YAML/JSON），无需导入', en: 'this is already an evaluation file (YAML/JSON); there is nothing to import', fixZh: '直接用 jixiao validate / compute / score / summary', fixEn: 'use jixiao validate / compute / score / summary on it' },
  'output-exists': { zh: '输出文件已存在，未覆盖', en: 'the output file exists and was not overwritten', fixZh: '换一个输出位置（-o / --out），或加 --force 覆盖', fixEn: 'choose another output (-o / --out), or pass --force to overwrite' },
  'file-unwritable': { zh: '无法写出文件：{detail}', en: 'the file could not be written: {detail}', fixZh: '检查目录是否存在、可写，磁盘是否已满', fixEn: 'check that the folder exists and is writable, and that the disk is not full' },
  'import-out-of-memory': { zh: '处理时内存超过上限 {limit}，已停止', en: 'processing needed more memory than the limit of {limit} and was stopped', fixZh: '文件可能损坏或过大；可用 --memory 放宽上限，或拆分文件', fixEn: 'the file may be damaged or too large; --memory raises the limit, or split the file' },
  'job-cancelled': { zh: '处理已取消', en: 'processing was cancelled' },
  'unknown-template': { zh: '未知模板“{template}”，可选：{allowed}', en: 'unknown template "{template}"; choose one of: {allowed}', fixZh: '运行 jixiao render --help 查看模板', fixEn: 'run jixiao render --help' },
  'template-needs-rubric': { zh: '模板“{template}”需要评分标准，而评价文件没有 rubric 字段', en: 'template "{template}" needs a rubric and the evaluation names none', fixZh: '加 --rubric ID（jixiao rubrics 列出内置标准）', fixEn: 'pass --rubric ID (jixiao rubrics lists the built-in ones)' },
  'template-needs-evaluation': { zh: '无法从该文件得到评价数据：{detail}', en: 'no evaluation could be made of this file: {detail}', fixZh: '先用 jixiao import 导入并检查 <名>.report.txt', fixEn: 'import it first with jixiao import and check <name>.report.txt' },
  'output-format-mixed': { zh: '多种输出格式需要 -o 指向一个目录', en: 'several output formats need -o to name a folder', fixZh: '写 -o 输出目录，或只选一种 --format', fixEn: 'pass -o FOLDER, or choose one --format' },
  'pdf-no-chromium': { zh: '未找到 Chromium 浏览器：PDF 由无头 Chromium 打印生成', en: 'Chromium was not found: PDFs are printed by headless Chromium', fixZh: '请安装：apt-get install chromium fonts-noto-cjk（或设置环境变量 JIXIAO_CHROMIUM 指向 Chrome/Chromium 可执行文件）', fixEn: 'install it: apt-get install chromium fonts-noto-cjk (or set JIXIAO_CHROMIUM to a Chrome/Chromium executable)' },
  'pdf-print-failed': { zh: 'Chromium 打印 PDF 失败：{detail}', en: 'Chromium failed to print the PDF: {detail}', fixZh: '加 --debug 查看详情；也可先生成 --format html 再用浏览器打印', fixEn: 'rerun with --debug; or render --format html and print it from a browser' },
  'pdf-timeout': { zh: 'Chromium 打印 PDF 超时', en: 'Chromium timed out printing the PDF', fixZh: '检查机器负载后重试', fixEn: 'check the machine load and retry' },
  'unknown-command': { zh: '未知命令“{command}”', en: 'unknown command "{command}"', fixZh: '运行 jixiao --help 查看命令', fixEn: 'run jixiao --help' },
  'missing-argument': { zh: '缺少参数：{what}', en: 'missing argument: {what}', fixZh: '运行 jixiao --help 查看用法', fixEn: 'run jixiao --help' },
  'unknown-option': { zh: '未知选项“{option}”', en: 'unknown option "{option}"', fixZh: '运行 jixiao --help 查看选项', fixEn: 'run jixiao --help' },
  'bad-option-value': { zh: '选项 {option} 的值“{value}”无效', en: 'invalid value "{value}" for {option}' },
  // The workflow (src/core/workflow): tasks, evaluations, roles and their scope.
  'workflow-unknown-action': { zh: '未知操作“{action}”', en: 'unknown action "{action}"' },
  'workflow-unknown-state': { zh: '未知状态“{state}”', en: 'unknown state "{state}"' },
  'workflow-action-not-available': { zh: '{subjectZh}处于“{stateZh}”状态，不能“{actionZh}”', en: 'cannot {actionEn}: the {subjectEn} is {stateEn}' },
  'workflow-role-not-allowed': { zh: '{roleZh}不能对{subjectZh}“{actionZh}”；可以操作的是：{allowedZh}', en: 'the {roleEn} role cannot {actionEn} this {subjectEn}; who may: {allowedEn}' },
  'workflow-other-department': { zh: '只能查看和处理本部门的评价', en: "you may act only on your own department's evaluations" },
  'workflow-other-region': { zh: '只能查看和处理本地区的任务与评价', en: "you may act only on your own region's tasks and evaluations" },
  'workflow-task-not-assigned': { zh: '该任务未委托给本机构', en: 'this task is not assigned to your organisation', fixZh: '由财政局在任务中委托后方可审核', fixEn: 'the finance bureau must assign the task to you first' },
  'workflow-task-not-issued': { zh: '任务尚未下达', en: 'the task has not been issued' },
  'workflow-task-archived': { zh: '任务已归档，只能查看', en: 'the task is archived: read only' },
  'workflow-task-not-yet-open': { zh: '任务 {opensOn} 起才开始填报（今天是 {today}）', en: 'the task opens for submissions on {opensOn} (today is {today})' },
  'workflow-task-closed': { zh: '任务已于 {closesOn} 截止，不能再提交（今天是 {today}）', en: 'the task closed on {closesOn}; submissions are no longer accepted (today is {today})', fixZh: '如需补交，请联系财政局延期', fixEn: 'ask the finance bureau to extend the closing date' },
  'workflow-task-closed-early': { zh: '财政局已截止该任务，不再接受提交', en: 'the finance bureau has closed the task; submissions are no longer accepted', fixZh: '如需补交，请联系财政局重新开放', fixEn: 'ask the finance bureau to open it again' },
  'workflow-not-audited': { zh: '所提交的版本尚未经过审核检查', en: 'the version submitted has not been audited', fixZh: '保存后重新提交；如仍出现，请报告此问题', fixEn: 'save and submit again; if it persists, report it' },
  'workflow-unresolved-errors': { zh: '审核发现 {count} 个错误，不能提交', en: 'the audit found {count} error(s); the evaluation cannot be submitted', fixZh: '改正后再提交；确认无误的，写明保留的理由后提交，审核人可见', fixEn: 'correct them, or state why they stand (the reviewer sees the reason) and submit' },
  'workflow-return-reason-required': { zh: '退回须写明至少一条理由', en: 'a return needs at least one reason', fixZh: '写明退回理由，可指向具体字段或评分项', fixEn: 'write the reasons, each at a field or rubric item if you like' },
  'workflow-return-reason-empty': { zh: '第 {number} 条退回理由没有内容', en: 'return reason {number} is empty' },
  'workflow-reason-required': { zh: '须写明理由', en: 'a reason is required' },
  'workflow-frozen': { zh: '评价处于“{stateZh}”状态，{groupZh}不能修改', en: '{groupEn} cannot be changed while the evaluation is {stateEn}', fixZh: '已提交的内容只有撤回或被退回后才能修改，每次修改保存为新版本', fixEn: 'submitted content changes only after it is withdrawn or returned; every change is a new version' },
  'workflow-not-editable-by-role': { zh: '{roleZh}不能修改{groupZh}；可以修改的是：{allowedZh}', en: 'the {roleEn} role cannot change {groupEn}; who may: {allowedEn}' },
  'workflow-not-a-date': { zh: '“{got}”不是有效日期', en: '"{got}" is not a date', fixZh: '写成 2024-03-31', fixEn: 'write it as 2024-03-31' },
  'workflow-task-dates-reversed': { zh: '开始日期 {opensOn} 晚于截止日期 {closesOn}', en: 'the opening date {opensOn} is after the closing date {closesOn}' },
  'workflow-task-no-rubric': { zh: '任务尚未选定评分标准', en: 'the task has no rubric', fixZh: '选定评分标准后再下达', fixEn: 'choose a rubric, then issue it' },
  'workflow-task-no-departments': { zh: '任务范围内没有部门', en: 'the task has no departments in scope', fixZh: '选定参加自评的部门后再下达', fixEn: 'choose the departments, then issue it' },
  'workflow-task-not-later': { zh: '新截止日期 {got} 不晚于原截止日期 {closesOn}', en: 'the new closing date {got} is not later than the old one, {closesOn}' },
  'workflow-task-date-past': { zh: '新截止日期 {got} 早于今天（{today}）', en: 'the new closing date {got} is before today ({today})' },
  'workflow-task-review-pending': { zh: '尚有 {count} 份评价待审核或待终审，不能归档', en: '{count} evaluation(s) still await review or final approval; the task cannot be archived', fixZh: '审核完毕后再归档', fixEn: 'finish the review first' },
  'workflow-context-missing': { zh: '缺少判断所需的数据：{what}', en: 'the data needed to decide is missing: {what}', fixZh: '这是调用方的错误，请报告此问题', fixEn: 'this is a caller error; please report it' },
  // The server's own (src/server): every API error is one of these, Chinese first.
  'api-admin-only': { zh: '仅系统管理员可以执行此操作（地区管理员仅限本地区）', en: 'only an administrator may do this (a regional administrator only in its region)' },
  'api-archive-damaged': { zh: '压缩包已损坏，无法打开：{detail}', en: 'the ZIP archive is damaged and cannot be opened: {detail}', fixZh: '重新压缩后上传，或逐个上传文件', fixEn: 'zip the files again, or upload them one by one' },
  'api-archive-method': { zh: '压缩包中的文件使用了不支持的压缩方式（{method}）', en: 'a file in the archive uses an unsupported compression method ({method})', fixZh: '用标准 ZIP（Deflate）重新压缩', fixEn: 'zip it again with standard ZIP (Deflate)' },
  'api-archive-too-large': { zh: '压缩包解压后超过 {limitMb} MB，已拒绝（疑为“压缩炸弹”）', en: 'the archive inflates to more than {limitMb} MB and was refused (like a ZIP bomb)', fixZh: '分成几个较小的压缩包上传', fixEn: 'split it into smaller archives' },
  'api-bad-multipart': { zh: '上传内容格式错误（multipart/form-data 无法解析）', en: 'the upload could not be read (malformed multipart/form-data)', fixZh: '请通过网页或 curl -F file=@文件 上传', fixEn: 'upload through the web app or with curl -F file=@FILE' },
  'api-bad-request': { zh: '请求格式错误', en: 'the request is malformed' },
  'api-batch-not-found': { zh: '找不到该批次（{id}），或无权查看', en: 'no such batch ({id}), or it is not yours to see' },
  'api-body-too-large': { zh: '请求内容超过 {limitMb} MB 上限', en: 'the request is larger than the {limitMb} MB limit', fixZh: '大批量文件请分批或用 ZIP 上传', fixEn: 'send large batches in parts or as ZIP archives' },
  'api-cannot-disable-self': { zh: '不能停用自己的账户', en: 'you cannot disable your own account' },
  'api-cannot-revoke-own-admin': { zh: '不能撤销自己的管理员角色', en: 'you cannot revoke your own administrator role', fixZh: '请另一位管理员操作', fixEn: 'ask another administrator' },
  'api-cross-origin': { zh: '请求来自其他网站，已拒绝', en: 'the request came from another site and was refused' },
  'api-csrf-token': { zh: '缺少或错误的 CSRF 令牌（X-CSRF-Token 请求头）', en: 'the CSRF token (X-CSRF-Token header) is missing or wrong', fixZh: '刷新页面后重试；脚本调用请带上登录时返回的 csrfToken', fixEn: 'reload the page; scripts send the csrfToken returned at login' },
  'api-department-not-in-region': { zh: '部门 {id} 不属于该地区', en: 'department {id} is not in this region' },
  'api-document-not-found': { zh: '找不到该原件，或它不属于这份评价', en: 'no such document for this evaluation' },
  'api-duplicate': { zh: '{whatZh}已存在', en: '{whatEn} already exists' },
  'api-evaluation-changed': { zh: '评价在此期间已被他人处理（状态或版本已变），请刷新后再操作', en: 'someone else acted on the evaluation meanwhile (its state or version changed); reload and try again' },
  'api-evaluation-not-found': { zh: '找不到该评价（{id}），或无权查看', en: 'no such evaluation ({id}), or it is not yours to see' },
  'api-file-kind': { zh: '不支持的文件类型 {ext}（支持：{known}）', en: 'unsupported file type {ext} (supported: {known})', fixZh: '.doc/.xls 请先用 Word/Excel 另存为 .docx/.xlsx', fixEn: 'save .doc/.xls as .docx/.xlsx first' },
  'api-file-too-large': { zh: '文件超过 {limitMb} MB 上限', en: 'the file is larger than the {limitMb} MB limit', fixZh: '压缩图片或拆分文件后再上传', fixEn: 'compress images or split the file' },
  'api-internal': { zh: '服务器内部错误，已记录；请稍后重试或联系管理员', en: 'internal server error (logged); try again later or contact the administrator' },
  'api-login-failed': { zh: '登录名或密码错误', en: 'wrong login or password' },
  'api-malformed-json': { zh: '请求内容不是有效的 JSON', en: 'the request body is not valid JSON', fixZh: '检查引号、逗号和括号', fixEn: 'check quotes, commas and brackets' },
  'api-nested-archive': { zh: '压缩包中嵌套的压缩包不会被展开', en: 'an archive inside the archive is not opened', fixZh: '解压后把文件直接放进同一个压缩包', fixEn: 'put the files directly into one archive' },
  'api-no-evaluation-in-document': { zh: '文件中没有可导入的自评数据', en: 'the document holds no self-evaluation data to import' },
  'api-no-files': { zh: '没有收到文件', en: 'no file was received', fixZh: '表单字段名为 file', fixEn: 'the form field is named "file"' },
  'api-not-logged-in': { zh: '未登录', en: 'not logged in', fixZh: '请先登录（POST /api/session）', fixEn: 'log in first (POST /api/session)' },
  'api-not-your-region': { zh: '只能管理本地区的任务', en: "you may manage only your region's tasks" },
  'api-nothing-to-render': { zh: '评价尚无可下载的内容（还没有保存或提交的版本）', en: 'the evaluation has nothing to download yet (no saved or submitted version)' },
  'api-nothing-to-review': { zh: '没有可审核的版本', en: 'there is no version to review' },
  'api-nothing-to-submit': { zh: '评价还是空的：请先填写并保存', en: 'the evaluation is empty: fill it in and save first' },
  'api-one-document-per-department': { zh: '部门一次只能导入一份文件（收到 {count} 份）', en: 'a department imports one document at a time (received {count})', fixZh: '自评表和报告请分别导入，后一次导入成为新版本', fixEn: 'import the form and the report one after the other; each becomes a new version' },
  'api-password-too-long': { zh: '密码过长（最多 200 个字符）', en: 'the password is too long (at most 200 characters)' },
  'api-password-too-short': { zh: '密码至少 10 个字符', en: 'the password needs at least 10 characters' },
  'api-password-too-simple': { zh: '密码须包含小写字母、大写字母、数字、符号中的至少三类', en: 'the password needs three of: lower-case, upper-case, digits, symbols' },
  'api-role-not-found': { zh: '找不到该角色授权', en: 'no such role grant' },
  'api-role-scope-required': { zh: '角色 {role} 需要指定 {field}', en: 'the {role} role needs {field}' },
  'api-route-not-found': { zh: '没有这个接口：{method} {path}', en: 'no such route: {method} {path}', fixZh: '接口列表见 /api/openapi.json', fixEn: 'see /api/openapi.json for the routes' },
  'api-session-expired': { zh: '会话已过期，请重新登录', en: 'the session has expired; log in again' },
  'api-task-changed': { zh: '任务在此期间已被他人处理，请刷新后再操作', en: 'someone else changed the task meanwhile; reload and try again' },
  'api-task-not-found': { zh: '找不到该任务（{id}），或无权查看', en: 'no such task ({id}), or it is not yours to see' },
  'api-rubric-not-found': { zh: '找不到评分规则 {id}', en: 'no rubric {id}' },
  'api-rubric-builtin-id': { zh: '评分规则 id“{id}”与内置评分规则相同，不能覆盖', en: 'the rubric id "{id}" is a built-in rubric\'s and cannot be replaced', fixZh: '把文件中的 id 改为新的名称（如加上地区和年度：shenzhen-2025）后重新导入', fixEn: 'give the rubric a new id in the file (e.g. with region and year: shenzhen-2025) and import it again' },
  'api-rubric-exists': { zh: '已有 id 为“{id}”的评分规则（{name}），未覆盖', en: 'a rubric with the id "{id}" ({name}) exists already; it was not replaced', fixZh: '已拟定的任务仍按原规则评分；修改后的规则请换用新的 id 再导入', fixEn: 'tasks keep scoring by the rubric they name; import a changed rubric under a new id' },
  'api-rubric-file-type': { zh: '评分规则文件须为 .yaml、.yml 或 .json（收到“{ext}”）', en: 'a rubric file is .yaml, .yml or .json (got "{ext}")', fixZh: '格式见 docs/rubric-format.md，可复制内置规则文件修改', fixEn: 'see docs/rubric-format.md; copy a built-in rubric file and edit it' },
  'api-rubric-import-forbidden': { zh: '只有系统管理员或绩效科审核人可以导入评分规则', en: 'only an administrator or a reviewer may import rubrics', fixZh: '请联系财政局绩效科导入', fixEn: "ask the finance bureau's performance section to import it" },
  'api-rubric-invalid': { zh: '评分规则文件“{file}”有 {count} 处问题，未导入', en: 'the rubric file "{file}" has {count} problem(s) and was not imported', fixZh: '按各处问题所在的行修改文件后重新导入（格式见 docs/rubric-format.md）', fixEn: 'fix the file at each line named and import it again (see docs/rubric-format.md)' },
  'api-too-many-files': { zh: '一次最多上传 {limit} 份文件，其余未接收', en: 'at most {limit} documents per upload; the rest were not taken', fixZh: '分批上传', fixEn: 'upload in batches' },
  'api-too-many-logins': { zh: '登录失败次数过多，请 {minutes} 分钟后再试', en: 'too many failed logins; try again in {minutes} minutes', fixZh: '忘记密码请联系系统管理员重置', fixEn: 'ask an administrator to reset a forgotten password' },
  'api-unknown-layout': { zh: '未知版式“{layout}”（可选：{known}）', en: 'unknown layout "{layout}" (known: {known})' },
  'api-unknown-reference': { zh: '引用的记录不存在', en: 'the referenced record does not exist' },
  'api-unknown-rubric': { zh: '未知评分标准“{rubric}”', en: 'unknown rubric "{rubric}"', fixZh: 'jixiao rubrics 列出可用的评分标准', fixEn: 'jixiao rubrics lists them' },
  'api-unknown-rubric-item': { zh: '评分标准中没有评分项“{item}”', en: 'the rubric has no item "{item}"' },
  'api-unsupported-media-type': { zh: '不支持的内容类型（应为 {expected}）', en: 'unsupported content type (expected {expected})' },
  'api-upload-department-created': { zh: '地区中没有“{name}”，已新建该部门并纳入任务范围', en: 'no department "{name}" in the region: it was created and added to the task' },
  'api-upload-evaluation-not-editable': { zh: '该部门的评价已处于“{stateZh}”状态，未覆盖', en: "the department's evaluation is already {stateEn}; not overwritten" },
  'api-upload-lost': { zh: '上传的文件或任务已不存在', en: 'the uploaded document or its task no longer exists' },
  'api-upload-no-department-name': { zh: '文件中没有找到部门名称，暂以文件名“{name}”作部门名', en: 'no department name found in the document; named "{name}" after the file for now' },
  'api-upload-not-allowed': { zh: '无权向该任务上传文件', en: 'you may not upload to this task' },
  'api-upload-other-department-name': { zh: '文件写的部门是“{named}”，已导入本部门“{department}”的评价，请核对', en: 'the document names "{named}"; it was imported into your department "{department}" — please check' },
  'api-user-not-found': { zh: '找不到该用户', en: 'no such user' },
  'api-version-conflict': { zh: '版本冲突：您编辑的是第 {base} 版，他人已保存到第 {current} 版；您的内容未丢失，请合并后再保存', en: 'version conflict: you edited version {base}, someone saved version {current} since; your data is kept — merge and save again' },
  'api-version-not-found': { zh: '找不到第 {version} 版，或无权查看', en: 'no version {version}, or it is not yours to see' },
};

/** Type names in the schema's words, said the way a finance officer would. */
const TYPE_NAMES: Record<Lang, Record<string, string>> = {
  zh: { number: '数字', string: '文本', boolean: 'true 或 false', object: '键值对象', array: '列表', int: '整数', 'number | string': '数字或文本', 'number | string | object': '数字、文本或 {value, unit}' },
  en: { number: 'a number', string: 'text', boolean: 'true or false', object: 'a mapping', array: 'a list', int: 'an integer', 'number | string': 'a number or text', 'number | string | object': 'a number, text or {value, unit}' },
};

function fill(template: string, params: Readonly<Record<string, string | number>>, lang: Lang): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = params[k];
    if (v === undefined) return `{${k}}`;
    return k === 'expected' ? (TYPE_NAMES[lang][String(v)] ?? String(v)) : String(v);
  });
}

export function messageOf(p: Problem, lang: Lang): { text: string; fix?: string } {
  const e = MESSAGES[p.code];
  if (!e) return { text: `${p.code} ${JSON.stringify(p.params)}` };
  const fix = lang === 'zh' ? e.fixZh : e.fixEn;
  return fix ? { text: fill(e[lang], p.params, lang), fix: fill(fix, p.params, lang) } : { text: fill(e[lang], p.params, lang) };
}

/** "file:line:column 字段 budget.initialBudget：…（怎么改）" — one line a person can act on. */
export function formatProblem(p: Problem, lang: Lang): string {
  const where = [p.file, p.line, p.column].filter((x) => x !== undefined).join(':');
  const field = p.path.length ? (lang === 'zh' ? `字段 ${formatPath(p.path)}：` : `field ${formatPath(p.path)}: `) : '';
  const m = messageOf(p, lang);
  const fix = m.fix ? (lang === 'zh' ? `（${m.fix}）` : ` (${m.fix})`) : '';
  return `${where ? `${where} ` : ''}${field}${m.text}${fix}`;
}
