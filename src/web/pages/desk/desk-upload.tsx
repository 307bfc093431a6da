/**
 * 批量导入 for the bureau: drop the departments' documents (DOCX, PDF, TXT, XLSX, or ZIP archives of them), send
 * them in one request, and follow the batch on the server (Server-Sent Events, or polling when the stream breaks)
 * with a progress bar, then each file's result: imported into which department, skipped, or why it was refused.
 */
import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Progress, Space, Table, Tag, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { ApiProblem, api, request } from '../../lib/api.ts';
import { pick, useT } from '../../lib/i18n.tsx';

interface Counts {
  readonly queued: number;
  readonly running: number;
  readonly done: number;
  readonly failed: number;
  readonly total: number;
  readonly finished: boolean;
}
interface Note {
  readonly code: string;
  readonly zh: string;
  readonly en: string;
  readonly fixZh?: string;
  readonly fixEn?: string;
}
interface BatchItem {
  readonly jobId: number;
  readonly fileName: string;
  readonly status: 'queued' | 'running' | 'done' | 'failed';
  readonly lastError: string | null;
  readonly result?: { status: 'imported' | 'rejected' | 'skipped'; department?: string; evaluationId?: string; notes?: Note[]; problems?: Note[]; errors?: number; warnings?: number } | null;
}
interface Rejected extends Note {
  readonly fileName: string;
}
interface UploadAnswer {
  readonly batchId: string;
  readonly accepted: readonly { jobId: number; fileName: string }[];
  readonly rejected: readonly Rejected[];
  readonly eventsUrl: string;
  readonly progressUrl: string;
}

const ACCEPT = '.docx,.docm,.pdf,.txt,.xlsx,.xlsm,.zip,.md,.html,.htm,.csv,.json,.yaml,.yml';

export function UploadButton({ taskId, onImported }: { taskId: string; onImported: () => void }) {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button type="primary" icon={<InboxOutlined />} onClick={() => setOpen(true)} data-testid="open-upload">
        {t('批量导入', 'Batch upload')}
      </Button>
      <Modal open={open} onCancel={() => setOpen(false)} footer={null} width={760} title={t('批量导入自评材料', 'Batch upload of self-evaluations')} destroyOnHidden={false}>
        <UploadPanel taskId={taskId} onImported={onImported} />
      </Modal>
    </>
  );
}

function UploadPanel({ taskId, onImported }: { taskId: string; onImported: () => void }) {
  const { t, lang } = useT();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<ApiProblem>();
  const [answer, setAnswer] = useState<UploadAnswer>();
  const [counts, setCounts] = useState<Counts>();
  const [items, setItems] = useState<BatchItem[]>();
  const stop = useRef<() => void>(() => {});
  useEffect(() => () => stop.current(), []);

  const finish = async (batchId: string) => {
    try {
      const b = await api.get<{ progress: Counts; items: BatchItem[] }>(`/api/batches/${batchId}`);
      setCounts(b.progress);
      setItems(b.items);
    } catch (e) {
      if (e instanceof ApiProblem) setProblem(e);
    }
    onImported();
  };

  /** Follows the batch: the event stream first; if it breaks, the JSON progress every 2 seconds. */
  const follow = (a: UploadAnswer) => {
    let closed = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      if (closed) return;
      try {
        const b = await api.get<{ progress: Counts; items: BatchItem[] }>(a.progressUrl);
        setCounts(b.progress);
        if (b.progress.finished) {
          closed = true;
          setItems(b.items);
          onImported();
          return;
        }
      } catch {
        // A dropped request: the next poll tries again.
      }
      timer = setTimeout(() => void poll(), 2000);
    };
    const source = typeof EventSource === 'function' ? new EventSource(a.eventsUrl) : undefined;
    const onCounts = (ev: MessageEvent<string>) => {
      try {
        setCounts(JSON.parse(ev.data) as Counts);
      } catch {
        // Not JSON: ignored, the next event or the final read corrects it.
      }
    };
    if (source) {
      source.addEventListener('progress', onCounts as EventListener);
      source.addEventListener('done', ((ev: MessageEvent<string>) => {
        onCounts(ev);
        source.close();
        if (!closed) {
          closed = true;
          void finish(a.batchId);
        }
      }) as EventListener);
      source.onerror = () => {
        // The stream ended or broke before "done" (a proxy, a restart): poll instead.
        source.close();
        if (!closed) void poll();
      };
    } else void poll();
    stop.current = () => {
      closed = true;
      source?.close();
      if (timer) clearTimeout(timer);
    };
  };

  const send = async () => {
    stop.current();
    setProblem(undefined);
    setAnswer(undefined);
    setCounts(undefined);
    setItems(undefined);
    const form = new FormData();
    for (const f of files) if (f.originFileObj) form.append('file', f.originFileObj, f.name);
    setSending(true);
    try {
      const a = await request<UploadAnswer>('POST', `/api/tasks/${taskId}/uploads`, form);
      setAnswer(a);
      setFiles([]);
      setCounts({ queued: a.accepted.length, running: 0, done: 0, failed: 0, total: a.accepted.length, finished: false });
      follow(a);
    } catch (e) {
      setProblem(e instanceof ApiProblem ? e : undefined);
    } finally {
      setSending(false);
    }
  };

  const settled = counts ? counts.done + counts.failed : 0;
  const percent = counts && counts.total ? Math.floor((settled * 100) / counts.total) : 0;
  const failedItems = (items ?? []).filter((i) => i.status === 'failed' || (i.result && i.result.status !== 'imported'));
  const rejected = answer?.rejected ?? (problem?.body.rejected as Rejected[] | undefined) ?? [];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Upload.Dragger
        multiple
        accept={ACCEPT}
        fileList={files}
        beforeUpload={() => false}
        onChange={({ fileList }) => setFiles(fileList.map((f) => ({ ...f, status: 'done' as const })))}
        data-testid="upload-dragger"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('把各部门的自评表、自评报告拖到这里，或点击选择文件', 'Drop the departments’ forms and reports here, or click to choose files')}</p>
        <p className="ant-upload-hint">
          {t('支持 DOCX、PDF、TXT、XLSX 及装有这些文件的 ZIP，可一次选择多个。每份文件按其中的部门名称归入部门；已提交或正在修改的评价不会被覆盖。', 'DOCX, PDF, TXT, XLSX, or ZIP archives of them; several at once. Each document goes to the department it names; submitted evaluations, or ones being corrected, are not overwritten.')}
        </p>
      </Upload.Dragger>
      <Space>
        <Button type="primary" disabled={!files.length} loading={sending} onClick={() => void send()} data-testid="upload-start">
          {files.length ? t(`开始导入（${files.length} 份）`, `Upload ${files.length} file${files.length > 1 ? 's' : ''}`) : t('开始导入', 'Upload')}
        </Button>
        {files.length ? <Button onClick={() => setFiles([])}>{t('清空', 'Clear')}</Button> : null}
      </Space>
      {problem ? <Alert type="error" showIcon title={problem.text(lang)} data-testid="upload-error" /> : null}
      {counts ? (
        <div data-testid="upload-progress" data-finished={counts.finished ? 'true' : 'false'}>
          <Progress percent={counts.finished ? 100 : percent} status={counts.finished ? (counts.failed ? 'exception' : 'success') : 'active'} />
          <Typography.Text data-testid="upload-counts">
            {t(
              `共 ${counts.total} 份：已完成 ${counts.done}，失败 ${counts.failed}，处理中 ${counts.running}，排队 ${counts.queued}`,
              `${counts.total} in all: ${counts.done} done, ${counts.failed} failed, ${counts.running} running, ${counts.queued} queued`,
            )}
            {counts.finished ? t('。已全部处理，表格已刷新。', '. All processed; the table is refreshed.') : ''}
          </Typography.Text>
        </div>
      ) : null}
      {rejected.length ? (
        <Alert
          type="warning"
          showIcon
          title={t(`${rejected.length} 份文件未接收`, `${rejected.length} file(s) not accepted`)}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {rejected.map((r, i) => (
                <li key={i}>
                  <b>{r.fileName}</b>：{pick(lang, r.zh, r.en)}
                  {pick(lang, r.fixZh, r.fixEn) ? `（${pick(lang, r.fixZh, r.fixEn)}）` : ''}
                </li>
              ))}
            </ul>
          }
        />
      ) : null}
      {items ? (
        <Table<BatchItem>
          size="small"
          rowKey="jobId"
          data-testid="upload-results"
          pagination={items.length > 10 ? { pageSize: 10 } : false}
          dataSource={items}
          columns={[
            { title: t('文件', 'File'), dataIndex: 'fileName', ellipsis: true },
            {
              title: t('结果', 'Result'),
              width: 96,
              render: (_: unknown, i) =>
                i.status === 'failed' ? <Tag color="red">{t('失败', 'failed')}</Tag> : i.result?.status === 'imported' ? <Tag color="green">{t('已导入', 'imported')}</Tag> : i.result?.status === 'skipped' ? <Tag color="gold">{t('未覆盖', 'skipped')}</Tag> : i.result?.status === 'rejected' ? <Tag color="red">{t('未能读取', 'unreadable')}</Tag> : <Tag>{t('处理中', 'pending')}</Tag>,
            },
            {
              title: t('部门与说明', 'Department and notes'),
              render: (_: unknown, i) => {
                const notes = [...(i.result?.problems ?? []), ...(i.result?.notes ?? [])].map((n) => pick(lang, n.zh, n.en));
                if (i.status === 'failed') notes.unshift(t(`导入出错（${i.lastError ?? '原因不明'}），请检查文件能否打开后重新上传`, `import failed (${i.lastError ?? 'unknown cause'}); check the file opens and upload it again`));
                return (
                  <span>
                    {i.result?.department ? <b>{i.result.department}</b> : null}
                    {i.result?.status === 'imported' ? t(`　错误 ${i.result.errors ?? 0}，提醒 ${i.result.warnings ?? 0}`, ` · ${i.result.errors ?? 0} errors, ${i.result.warnings ?? 0} warnings`) : null}
                    {notes.map((n, k) => (
                      <div key={k} style={{ color: '#8c8c8c' }}>
                        {n}
                      </div>
                    ))}
                  </span>
                );
              },
            },
          ]}
        />
      ) : null}
      {items && failedItems.length ? (
        <Typography.Text type="secondary">
          {t('未导入的文件：按说明处理后可再次上传；部门已提交的评价需退回后由部门修改。', 'Files not imported: fix what the notes say and upload again; a submitted evaluation must be returned to its department to change.')}
        </Typography.Text>
      ) : null}
    </Space>
  );
}
