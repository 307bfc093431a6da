/**
 * 上传文件预填: the department uploads one document (its form or report as DOCX, PDF, XLSX, text …); the server
 * queues it, a worker reads it and saves what it found as a new version. The dialog follows the batch until it is
 * done and says what came of it; then the editor loads the new version, each imported figure marked with its source.
 */
import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Progress, Space, Spin, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { messageOf } from '../../../core/messages.ts';
import { ApiProblem, api } from '../../lib/api.ts';
import { pick, useT } from '../../lib/i18n.tsx';

interface ProblemText {
  readonly code: string;
  readonly zh?: string;
  readonly en?: string;
  readonly params?: Record<string, string | number>;
}
interface BatchItem {
  readonly fileName: string;
  readonly status: 'queued' | 'running' | 'done' | 'failed';
  readonly lastError: string | null;
  readonly result?: {
    readonly status: 'imported' | 'rejected' | 'skipped';
    readonly version?: number;
    readonly errors?: number;
    readonly warnings?: number;
    readonly notes?: readonly ProblemText[];
    readonly problems?: readonly ProblemText[];
  } | null;
}
interface Batch {
  readonly progress: { queued: number; running: number; done: number; failed: number; total: number; finished: boolean };
  readonly items: readonly BatchItem[];
}

const ACCEPT = '.pdf,.docx,.docm,.xlsx,.xlsm,.txt,.text,.md,.markdown,.html,.htm,.csv,.tsv,.yaml,.yml,.json';

export function UploadDialog({ open, taskId, onClose, onImported, beforeUpload }: { open: boolean; taskId: string; onClose: () => void; onImported: () => void; beforeUpload: () => Promise<boolean> }) {
  const { t, lang } = useT();
  const [phase, setPhase] = useState<'pick' | 'sending' | 'working' | 'done'>('pick');
  const [batch, setBatch] = useState<Batch>();
  const [problem, setProblem] = useState<string>();
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => {
    if (open) {
      setPhase('pick');
      setBatch(undefined);
      setProblem(undefined);
    }
    return () => window.clearTimeout(timer.current);
  }, [open]);

  const text = (p: ProblemText) => (p.zh || p.en ? pick(lang, p.zh, p.en) : messageOf({ code: p.code, path: [], params: p.params ?? {} }, lang).text);

  const poll = (id: string) => {
    const step = async () => {
      try {
        const b = await api.get<Batch>(`/api/batches/${id}`);
        setBatch(b);
        if (b.progress.finished) {
          setPhase('done');
          if (b.items.some((i) => i.result?.status === 'imported')) onImported();
          return;
        }
      } catch (e) {
        setProblem(e instanceof ApiProblem ? e.text(lang) : String(e));
      }
      timer.current = window.setTimeout(step, 800);
    };
    void step();
  };

  const send = async (file: File) => {
    setProblem(undefined);
    if (!(await beforeUpload())) return;
    setPhase('sending');
    const form = new FormData();
    form.append('file', file, file.name);
    try {
      const r = await api.post<{ batchId: string; rejected: readonly ProblemText[] }>(`/api/tasks/${taskId}/uploads`, form);
      setPhase('working');
      poll(r.batchId);
    } catch (e) {
      setPhase('pick');
      const p = e instanceof ApiProblem ? e : undefined;
      const rejected = (p?.body.rejected as ProblemText[] | undefined) ?? [];
      setProblem([p ? p.text(lang) : String(e), ...rejected.map(text)].join('；'));
    }
  };

  const item = batch?.items[0];
  const result = item?.result;
  const pct = batch ? Math.round(((batch.progress.done + batch.progress.failed) / Math.max(1, batch.progress.total)) * 100) : 0;
  return (
    <Modal
      open={open}
      title={t('上传文件预填', 'Upload a document to prefill')}
      onCancel={onClose}
      data-testid="upload-dialog"
      footer={<Button onClick={onClose}>{phase === 'done' ? t('完成', 'Done') : t('关闭', 'Close')}</Button>}
    >
      {phase === 'pick' ? (
        <>
          <Typography.Paragraph type="secondary">
            {t('上传本部门的自评表或自评报告（一次一份），系统读出其中的金额、指标与文字，保存为新版本；原件留存备查。读出的数字旁有来源标记，请逐一核对。', 'Upload your form or report (one document); the figures, indicators and text read from it are saved as a new version and the original is kept. Each imported figure is marked with its source: check them.')}
          </Typography.Paragraph>
          <Upload.Dragger
            accept={ACCEPT}
            multiple={false}
            showUploadList={false}
            beforeUpload={(f) => {
              void send(f as File);
              return false;
            }}
            data-testid="upload-input"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p>{t('点击选择或拖入文件', 'Click or drop a file here')}</p>
            <p style={{ color: '#888', fontSize: 12 }}>.docx .pdf .xlsx .txt .md .html .csv .yaml .json</p>
          </Upload.Dragger>
        </>
      ) : null}
      {phase === 'sending' || phase === 'working' ? (
        <Space direction="vertical" style={{ width: '100%', alignItems: 'center', padding: 16 }} data-testid="upload-working">
          <Spin />
          <Typography.Text>{phase === 'sending' ? t('正在上传…', 'Uploading…') : item?.status === 'running' ? t('正在读取文件、计算与核对…', 'Reading, computing and checking…') : t('已排队，等待处理…', 'Queued…')}</Typography.Text>
          <Progress percent={pct} size="small" style={{ width: 320 }} />
        </Space>
      ) : null}
      {phase === 'done' && item ? (
        <div data-testid="upload-result" data-status={result?.status ?? item.status}>
          {result?.status === 'imported' ? (
            <Alert
              type="success"
              showIcon
              message={t(`已导入为第 ${result.version} 版：${result.errors ?? 0} 个错误，${result.warnings ?? 0} 个警告`, `Imported as version ${result.version}: ${result.errors ?? 0} errors, ${result.warnings ?? 0} warnings`)}
              description={
                <>
                  {(result.notes ?? []).map((n, i) => (
                    <div key={i}>{text(n)}</div>
                  ))}
                  <div>{t('编辑区已载入新版本。带来源标记的数字请与原件逐一核对，无误点「确认」，有误直接改写。', 'The editor shows the new version. Check each figure with a source mark: 「确认」 if right, or type the correction.')}</div>
                </>
              }
            />
          ) : result?.status === 'skipped' ? (
            <Alert type="warning" showIcon message={t('未导入：评价当前不能被覆盖', 'Not imported: the evaluation may not be overwritten now')} description={(result.problems ?? []).map(text).join('；')} />
          ) : (
            <Alert
              type="error"
              showIcon
              message={t(`未能从“${item.fileName}”读出评价`, `No evaluation could be read from “${item.fileName}”`)}
              description={
                <>
                  {(result?.problems ?? []).map((p, i) => (
                    <div key={i}>{text(p)}</div>
                  ))}
                  {item.lastError ? <div>{item.lastError}</div> : null}
                  <div>{t('请检查文件是否为本部门的自评表或自评报告（扫描件须先做文字识别），或直接在编辑区填写。', 'Check that it is your form or report (scans need OCR first), or fill in the editor directly.')}</div>
                </>
              }
            />
          )}
        </div>
      ) : null}
      {problem ? <Alert style={{ marginTop: 12 }} type="error" showIcon message={problem} data-testid="upload-problem" /> : null}
    </Modal>
  );
}
