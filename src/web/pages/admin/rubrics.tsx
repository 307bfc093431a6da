/**
 * 评分规则: the rubrics (built-in and imported), one rubric's items as a tree — name, weight, scoring method and the
 * published standard — parsed in the browser by the core's own parser, and importing a rubric file (YAML or JSON,
 * docs/rubric-format.md): the server checks it as the CLI does and answers each problem with its line, or stores it
 * so that a task can name it.
 */
import { METHOD_LABELS } from '../../../core/rubric/method-labels.ts';
import { forgetRubricNames } from '../../lib/rubric-names.ts';
import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Collapse, Descriptions, Empty, Row, Skeleton, Table, Tag, Typography, Upload } from 'antd';
import { useMemo, useState } from 'react';
import { toPlainString } from '../../../core/exact.ts';
import { formatPath } from '../../../core/problem.ts';
import { parseRubric } from '../../../core/rubric/parse.ts';
import { type Group, type Leaf, type Rubric, isLeaf } from '../../../core/rubric/schema.ts';
import { ApiProblem, type ProblemItem, api } from '../../lib/api.ts';
import { type Lang, useT } from '../../lib/i18n.tsx';
import { useLoad } from '../../lib/use-load.ts';
import { ProblemResult } from '../../lib/ui/problem-result.tsx';
import { type RubricListItem, errorText } from './shared.tsx';


interface ItemRow {
  readonly key: string;
  readonly name: string;
  readonly weight: string;
  readonly method: string;
  readonly kind: 'group' | 'leaf' | 'part';
  readonly standard?: string;
  /** A checklist's points to check (评分要点), each with its points. */
  readonly criteria?: readonly { readonly text: string; readonly points: string }[];
  readonly note?: string;
  readonly children?: ItemRow[];
}

function rowsOf(items: readonly (Group | Leaf)[], path: string, lang: Lang): ItemRow[] {
  return items.map((item, i) => {
    const key = `${path}.${i}`;
    if (!isLeaf(item)) {
      return { key, name: item.name, weight: toPlainString(item.weight), method: '', kind: 'group', ...(item.note ? { note: item.note } : {}), children: rowsOf(item.items, key, lang) };
    }
    const method = METHOD_LABELS[item.method]?.[lang] ?? item.method;
    const children: ItemRow[] | undefined =
      item.method === 'sum'
        ? item.parts.map((p, j) => ({ key: `${key}.p${j}`, name: p.name, weight: toPlainString(p.weight), method: METHOD_LABELS[p.method]?.[lang] ?? p.method, kind: 'part', ...(p.standard ? { standard: p.standard } : {}), ...(p.note ? { note: p.note } : {}) }))
        : undefined;
    const criteria = item.method === 'checklist' ? item.criteria.map((c) => ({ text: c.text, points: toPlainString(c.points) })) : undefined;
    return { key, name: item.name, weight: toPlainString(item.weight), method, kind: 'leaf', ...(item.standard ? { standard: item.standard } : {}), ...(item.note ? { note: item.note } : {}), ...(criteria ? { criteria } : {}), ...(children ? { children } : {}) };
  });
}

/** A refused import: the file's name, the summary, and each problem with its line. */
interface Refusal {
  readonly fileName: string;
  readonly problem: ApiProblem;
  readonly items: readonly (ProblemItem & { readonly line?: number; readonly column?: number })[];
}

export function RubricsSection() {
  const { t, lang } = useT();
  const { message } = App.useApp();
  const list = useLoad(() => api.get<RubricListItem[]>('/api/rubrics'), []);
  const [selected, setSelected] = useState<string>();
  const [importing, setImporting] = useState(false);
  const [refusal, setRefusal] = useState<Refusal>();
  const shown = selected ?? list.data?.[0]?.id;

  const importFile = async (file: File) => {
    setImporting(true);
    setRefusal(undefined);
    try {
      const text = await file.text();
      const r = await api.post<RubricListItem>('/api/rubrics', { fileName: file.name, text });
      forgetRubricNames();
      message.success(t(`已导入评分规则“${r.name}”，拟定任务时即可选用`, `Imported “${r.name}”; tasks can use it now`));
      await list.reload();
      setSelected(r.id);
    } catch (e) {
      if (e instanceof ApiProblem) setRefusal({ fileName: file.name, problem: e, items: e.code === 'api-rubric-invalid' ? (e.errors as Refusal['items']) : [] });
      else message.error(errorText(e, lang));
    } finally {
      setImporting(false);
    }
  };

  if (list.error) return <ProblemResult problem={list.error} retry={list.reload} />;
  return (
    <div data-testid="admin-rubrics">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('评分规则', 'Rubrics')}
      </Typography.Title>
      <Row gutter={16}>
        <Col xs={24} lg={9}>
          <Card
            size="small"
            title={t('规则列表', 'Rubrics')}
            extra={
              <Upload accept=".yaml,.yml,.json" showUploadList={false} beforeUpload={(file) => { void importFile(file); return false; }} disabled={importing}>
                <Button size="small" type="primary" icon={<UploadOutlined />} loading={importing} data-testid="import-rubric">
                  {t('导入规则文件', 'Import a rubric file')}
                </Button>
              </Upload>
            }
          >
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
              {t('规则文件为 YAML 或 JSON（格式见 docs/rubric-format.md），可复制内置规则修改 id、名称和分值后导入。', 'A rubric file is YAML or JSON (docs/rubric-format.md): copy a built-in one, change its id, name and weights, and import it.')}
            </Typography.Paragraph>
            {refusal ? (
              <Alert
                type="error"
                showIcon
                closable={{ onClose: () => setRefusal(undefined) }}
                style={{ marginBottom: 12 }}
                data-testid="import-problems"
                title={refusal.problem.text(lang)}
                description={
                  refusal.items.length ? (
                    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                      {refusal.items.map((p, i) => (
                        <li key={i} data-testid="import-problem">
                          {p.line !== undefined ? <Typography.Text strong>{t(`第 ${p.line} 行`, `line ${p.line}`)}</Typography.Text> : null}
                          {p.line !== undefined ? (lang === 'zh' ? '：' : ': ') : ''}
                          {p.path ? <Typography.Text code>{p.path}</Typography.Text> : null} {lang === 'zh' ? p.zh : p.en || p.zh}
                          {(lang === 'zh' ? p.fixZh : (p.fixEn ?? p.fixZh)) ? <Typography.Text type="secondary">{lang === 'zh' ? `（${p.fixZh}）` : ` (${p.fixEn ?? p.fixZh})`}</Typography.Text> : null}
                        </li>
                      ))}
                    </ul>
                  ) : undefined
                }
              />
            ) : null}
            <Table<RubricListItem>
              rowKey="id"
              size="small"
              loading={list.loading}
              dataSource={list.data ?? []}
              pagination={false}
              data-testid="rubric-list"
              onRow={(r) => ({ onClick: () => setSelected(r.id), style: { cursor: 'pointer', background: r.id === shown ? '#e6f0fb' : undefined } })}
              columns={[
                {
                  title: t('名称', 'Name'),
                  dataIndex: 'name',
                  render: (name: string, r) => (
                    <div data-testid="rubric-row" data-id={r.id}>
                      <div style={{ lineHeight: 1.4 }}>{name}</div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {r.id}
                      </Typography.Text>
                    </div>
                  ),
                },
                { title: t('满分', 'Total'), dataIndex: 'total', width: 60, align: 'right', render: (v: string | null) => v ?? '—' },
                { title: t('来源', 'Origin'), dataIndex: 'builtIn', width: 64, render: (b: boolean) => (b ? <Tag>{t('内置', 'built-in')}</Tag> : <Tag color="blue">{t('导入', 'imported')}</Tag>) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={15}>{shown ? <RubricDetail key={shown} id={shown} /> : <Card size="small"><Empty description={t('还没有评分规则', 'No rubrics yet')} /></Card>}</Col>
      </Row>
    </div>
  );
}

function RubricDetail({ id }: { id: string }) {
  const { t, lang } = useT();
  const one = useLoad(() => api.get<{ id: string; name: string; builtIn: boolean; data: unknown; fileName?: string; createdAt?: string }>(`/api/rubrics/${encodeURIComponent(id)}`), [id]);
  const parsed = useMemo(() => (one.data ? parseRubric(one.data.data) : undefined), [one.data]);
  const rubric: Rubric | undefined = parsed?.ok ? parsed.value : undefined;
  const rows = useMemo(() => (rubric ? rowsOf(rubric.items, 'i', lang) : []), [rubric, lang]);
  if (one.error) return <ProblemResult problem={one.error} retry={one.reload} />;
  if (!one.data || !parsed) return <Card size="small"><Skeleton active /></Card>;
  return (
    <Card size="small" title={<span data-testid="rubric-title">{one.data.name}</span>} data-testid="rubric-detail">
      {!parsed.ok ? (
        <Alert type="error" showIcon title={t('这份规则无法读取', 'This rubric cannot be read')} description={parsed.problems.map((p) => `${formatPath(p.path)} ${p.code}`).join('；')} />
      ) : (
        <>
          <Descriptions size="small" column={{ xs: 1, xl: 3 }} style={{ marginBottom: 12 }}>
            <Descriptions.Item label="id">
              <Typography.Text code>{rubric!.id}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('满分', 'Total')}>{toPlainString(rubric!.total)}</Descriptions.Item>
            <Descriptions.Item label={t('年度', 'Year')}>{rubric!.year ?? '—'}</Descriptions.Item>
            {rubric!.source ? (
              <Descriptions.Item label={t('依据', 'Source')} span={3}>
                {rubric!.source}
              </Descriptions.Item>
            ) : null}
            <Descriptions.Item label={t('来源', 'Origin')} span={3}>
              {one.data.builtIn ? t('系统内置', 'built in') : t(`导入自 ${one.data.fileName ?? ''}${one.data.createdAt ? `（${one.data.createdAt.slice(0, 10)}）` : ''}`, `imported from ${one.data.fileName ?? ''}${one.data.createdAt ? ` (${one.data.createdAt.slice(0, 10)})` : ''}`)}
            </Descriptions.Item>
          </Descriptions>
          {rubric!.assumptions?.length ? (
            <Collapse
              size="small"
              style={{ marginBottom: 12 }}
              items={[
                {
                  key: 'a',
                  label: t(`规则未明确处的假设（${rubric!.assumptions.length} 条）`, `Assumptions where the rule is silent (${rubric!.assumptions.length})`),
                  children: (
                    <ol style={{ margin: 0, paddingInlineStart: 20 }}>
                      {rubric!.assumptions.map((a, i) => (
                        <li key={i}>{a}</li>
                      ))}
                    </ol>
                  ),
                },
              ]}
            />
          ) : null}
          <Table<ItemRow>
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={rows}
            data-testid="rubric-tree"
            expandable={{ defaultExpandAllRows: true, indentSize: 18 }}
            rowClassName={(r) => `rubric-${r.kind}`}
            columns={[
              {
                title: t('指标', 'Item'),
                dataIndex: 'name',
                width: '30%',
                render: (name: string, r) => (r.kind === 'group' ? <Typography.Text strong>{name}</Typography.Text> : name),
              },
              { title: t('分值', 'Weight'), dataIndex: 'weight', width: 64, align: 'right', render: (w: string, r) => (r.kind === 'group' ? <Typography.Text strong>{w}</Typography.Text> : w) },
              { title: t('评分方法', 'Method'), dataIndex: 'method', width: 120, render: (m: string, r) => (r.kind === 'group' ? <Typography.Text type="secondary">{t('分组', 'group')}</Typography.Text> : m ? <Tag>{m}</Tag> : null) },
              {
                title: t('评分标准', 'Standard'),
                key: 'standard',
                render: (_: unknown, r) => (
                  <div style={{ fontSize: 13 }}>
                    {r.standard ?? (r.kind === 'group' || r.criteria ? null : <Typography.Text type="secondary">—</Typography.Text>)}
                    {r.criteria ? (
                      <ol style={{ margin: r.standard ? '4px 0 0' : 0, paddingInlineStart: 18, color: 'rgba(0,0,0,0.65)' }}>
                        {r.criteria.map((c, i) => (
                          <li key={i}>
                            {c.text}
                            <Typography.Text type="secondary">{t(`（${c.points} 分）`, ` (${c.points} pt)`)}</Typography.Text>
                          </li>
                        ))}
                      </ol>
                    ) : null}
                    {r.note ? (
                      <div>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t('说明：', 'Note: ')}
                          {r.note}
                        </Typography.Text>
                      </div>
                    ) : null}
                  </div>
                ),
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}
