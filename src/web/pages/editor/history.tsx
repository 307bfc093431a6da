/**
 * 历史版本: every saved version (who, when, which fields changed); pick two to compare them field by field, with
 * the Chinese name of each field taken from the model's own descriptions.
 */
import { Alert, Button, Checkbox, Drawer, Empty, List, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiProblem, api } from '../../lib/api.ts';
import { type Lang, useT } from '../../lib/i18n.tsx';
import { fieldLabel, shortValue } from './paths.ts';

interface VersionRow {
  readonly version: number;
  readonly authorId: string;
  readonly createdAt: string;
  readonly changedPaths: readonly string[];
}
export interface Change {
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

export const when = (iso: string, lang: Lang) => new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { hour12: false });

/** Changes as a table: field (Chinese label, path below), before, after. */
export function ChangesTable({ changes, testId }: { changes: readonly Change[]; testId?: string }) {
  const { t, lang } = useT();
  return (
    <Table<Change>
      size="small"
      rowKey="path"
      pagination={changes.length > 12 ? { pageSize: 12, size: 'small' } : false}
      dataSource={[...changes]}
      data-testid={testId}
      columns={[
        {
          title: t('字段', 'Field'),
          key: 'path',
          width: '34%',
          render: (_: unknown, c: Change) => (
            <div data-testid="change-path" data-path={c.path}>
              <div>{fieldLabel(c.path, lang)}</div>
              <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                {c.path}
              </Typography.Text>
            </div>
          ),
        },
        { title: t('修改前', 'Before'), key: 'before', render: (_: unknown, c: Change) => <span className="jx-before">{shortValue(c.before, lang, c.path)}</span> },
        { title: t('修改后', 'After'), key: 'after', render: (_: unknown, c: Change) => <span className="jx-after">{shortValue(c.after, lang, c.path)}</span> },
      ]}
    />
  );
}

export function HistoryDrawer({ open, onClose, evaluationId, me, currentVersion }: { open: boolean; onClose: () => void; evaluationId: string; me: string; currentVersion: number }) {
  const { t, lang } = useT();
  const [versions, setVersions] = useState<VersionRow[]>();
  const [error, setError] = useState<ApiProblem>();
  const [picked, setPicked] = useState<number[]>([]);
  const [diff, setDiff] = useState<{ from: number; to: number; changes: Change[] }>();
  const [diffError, setDiffError] = useState<ApiProblem>();
  const [loadingDiff, setLoadingDiff] = useState(false);

  useEffect(() => {
    if (!open) return;
    setError(undefined);
    api
      .get<VersionRow[]>(`/api/evaluations/${evaluationId}/versions`)
      .then((v) => setVersions([...v].sort((a, b) => b.version - a.version)))
      .catch((e: unknown) => setError(e instanceof ApiProblem ? e : undefined));
  }, [open, evaluationId, currentVersion]);

  const compare = async (a: number, b: number) => {
    const [from, to] = a < b ? [a, b] : [b, a];
    setLoadingDiff(true);
    setDiffError(undefined);
    try {
      const d = await api.get<{ changes: Change[] }>(`/api/evaluations/${evaluationId}/diff?from=${from}&to=${to}`);
      setDiff({ from, to, changes: d.changes });
    } catch (e) {
      setDiffError(e instanceof ApiProblem ? e : undefined);
    } finally {
      setLoadingDiff(false);
    }
  };

  const toggle = (v: number, on: boolean) => {
    const next = on ? [...picked.filter((x) => x !== v), v].slice(-2) : picked.filter((x) => x !== v);
    setPicked(next);
    if (next.length === 2) void compare(next[0]!, next[1]!);
    else setDiff(undefined);
  };

  return (
    <Drawer title={t('历史版本', 'Versions')} open={open} onClose={onClose} size={720} data-testid="history-drawer">
      {error ? <Alert type="error" showIcon message={error.text(lang)} /> : null}
      {!versions && !error ? <Skeleton active /> : null}
      {versions && versions.length === 0 ? <Empty description={t('还没有保存过的版本', 'Nothing saved yet')} /> : null}
      {versions && versions.length > 0 ? (
        <>
          <Typography.Paragraph type="secondary">{t('勾选两个版本，比较它们之间改了什么。', 'Tick two versions to see what changed between them.')}</Typography.Paragraph>
          <List
            size="small"
            bordered
            style={{ maxHeight: 300, overflow: 'auto' }}
            dataSource={versions}
            renderItem={(v) => (
              <List.Item data-testid="version-row" data-version={v.version}>
                <Space align="start">
                  <Checkbox checked={picked.includes(v.version)} onChange={(e) => toggle(v.version, e.target.checked)} data-testid={`pick-${v.version}`} aria-label={t(`选择第 ${v.version} 版`, `pick version ${v.version}`)} />
                  <div>
                    <Space size={6}>
                      <b>{t(`第 ${v.version} 版`, `Version ${v.version}`)}</b>
                      {v.version === currentVersion ? <Tag color="blue">{t('最新', 'latest')}</Tag> : null}
                      <Typography.Text type="secondary">{when(v.createdAt, lang)}</Typography.Text>
                      <Typography.Text type="secondary">{v.authorId === me ? t('我', 'me') : t(`其他用户（${v.authorId.slice(0, 8)}）`, `another user (${v.authorId.slice(0, 8)})`)}</Typography.Text>
                    </Space>
                    <div style={{ fontSize: 12, color: '#666' }}>
                      {t('改动：', 'Changed: ')}
                      {v.changedPaths.length
                        ? v.changedPaths
                            .slice(0, 6)
                            .map((p) => fieldLabel(p, lang))
                            .join('；') + (v.changedPaths.length > 6 ? t(` 等 ${v.changedPaths.length} 处`, ` and ${v.changedPaths.length - 6} more`) : '')
                        : t('无', 'nothing')}
                    </div>
                  </div>
                </Space>
              </List.Item>
            )}
          />
          <div style={{ marginTop: 16 }}>
            {loadingDiff ? <Skeleton active /> : null}
            {diffError ? <Alert type="error" showIcon message={diffError.text(lang)} /> : null}
            {diff && !loadingDiff ? (
              <>
                <Typography.Title level={5}>{t(`第 ${diff.from} 版 → 第 ${diff.to} 版：${diff.changes.length} 处改动`, `Version ${diff.from} → ${diff.to}: ${diff.changes.length} changes`)}</Typography.Title>
                {diff.changes.length ? <ChangesTable changes={diff.changes} testId="diff-table" /> : <Empty description={t('两个版本内容相同', 'The two versions are the same')} />}
              </>
            ) : null}
            {!diff && !loadingDiff && picked.length < 2 && versions.length > 1 ? (
              <Button
                size="small"
                onClick={() => {
                  const [a, b] = [versions[1]!.version, versions[0]!.version];
                  setPicked([a, b]);
                  void compare(a, b);
                }}
              >
                {t('比较最近两个版本', 'Compare the last two versions')}
              </Button>
            ) : null}
          </div>
        </>
      ) : null}
    </Drawer>
  );
}
