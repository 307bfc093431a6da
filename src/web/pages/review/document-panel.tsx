/**
 * The original document beside the review: its file list with downloads, and for a text document the text itself,
 * line-numbered in a scrollable panel. A finding's excerpt is highlighted here when the reviewer clicks it (by the
 * line the importer recorded, else by searching the excerpt's words).
 */
import { DownloadOutlined, FileTextOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Select, Space, Spin, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useT } from '../../lib/i18n.tsx';

export interface DocumentInfo {
  readonly hash: string;
  readonly fileName: string;
  readonly sizeBytes: number | null;
  readonly mediaType: string | null;
  readonly addedAt: string;
}

/** What to highlight: lines of a file (1-based) or an excerpt to look for; `nonce` makes a repeated click count. */
export interface Highlight {
  readonly file?: string | undefined;
  readonly lines: readonly number[];
  readonly texts: readonly string[];
  readonly nonce: number;
}

const TEXT_EXT = /\.(txt|text|md|markdown|csv|tsv|ya?ml|json)$/i;
export const isTextDocument = (d: DocumentInfo) => (d.mediaType ?? '').startsWith('text/plain') || (d.mediaType ?? '').startsWith('text/markdown') || (d.mediaType ?? '').startsWith('text/csv') || TEXT_EXT.test(d.fileName);

const squash = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

/** The line numbers (1-based) where an excerpt is printed: its words before any "…", first 30 then 12 characters. */
export function findExcerpt(lines: readonly string[], excerpt: string): number[] {
  const head = squash(excerpt.split('…')[0] ?? excerpt);
  if (head.length < 4) return [];
  const squashed = lines.map(squash);
  for (const n of [30, 12]) {
    const needle = head.slice(0, n);
    const hit = squashed.findIndex((l) => l.includes(needle));
    if (hit >= 0) return [hit + 1];
  }
  return [];
}

function sizeText(n: number | null): string {
  if (n === null) return '';
  return n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}

export function DocumentPanel({ evaluationId, documents, highlight, onLocated }: { evaluationId: string; documents: readonly DocumentInfo[]; highlight: Highlight | undefined; onLocated: (found: boolean) => void }) {
  const { t } = useT();
  const [chosen, setChosen] = useState<string | undefined>(documents[0]?.hash);
  const doc = documents.find((d) => d.hash === chosen) ?? documents[0];
  const [text, setText] = useState<string>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const url = doc ? `/api/evaluations/${evaluationId}/documents/${doc.hash}` : '';

  useEffect(() => {
    setText(undefined);
    setError(undefined);
    if (!doc || !isTextDocument(doc)) return;
    let live = true;
    setLoading(true);
    fetch(url, { credentials: 'same-origin' })
      .then(async (res) => {
        if (!res.ok) throw new Error(String(res.status));
        const s = await res.text();
        if (live) setText(s);
      })
      .catch((e: unknown) => live && setError(String(e instanceof Error ? e.message : e)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [url]);

  const lines = useMemo(() => (text === undefined ? [] : text.replace(/\r\n?/g, '\n').split('\n')), [text]);
  const [marked, setMarked] = useState<ReadonlySet<number>>(new Set());

  useEffect(() => {
    if (!highlight) return;
    if (!lines.length) {
      onLocated(false);
      return;
    }
    const sameFile = !highlight.file || !doc || highlight.file === doc.fileName;
    let found = sameFile ? highlight.lines.filter((n) => n >= 1 && n <= lines.length) : [];
    if (!found.length) found = [...new Set(highlight.texts.flatMap((x) => findExcerpt(lines, x)))];
    setMarked(new Set(found));
    onLocated(found.length > 0);
    if (found.length) {
      const el = box.current?.querySelector<HTMLElement>(`[data-line="${Math.min(...found)}"]`);
      el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [highlight?.nonce, lines]);

  if (!documents.length) {
    return (
      <div style={{ height: '100%', display: 'flex', alignItems: 'center', justifyContent: 'center' }} data-testid="no-document">
        <Empty description={t('无原件（在线填报）', 'No original document (filled in online)')} />
      </div>
    );
  }
  return (
    <div style={{ display: 'flex', flexDirection: 'column', height: '100%' }} data-testid="document-panel">
      <Space style={{ padding: '6px 8px', borderBottom: '1px solid #f0f0f0' }} wrap>
        <FileTextOutlined />
        {documents.length > 1 ? (
          <Select
            size="small"
            style={{ maxWidth: 320 }}
            value={doc?.hash}
            onChange={setChosen}
            aria-label={t('选择原件', 'Choose a document')}
            options={documents.map((d) => ({ value: d.hash, label: d.fileName }))}
          />
        ) : (
          <Typography.Text strong ellipsis style={{ maxWidth: 320 }}>
            {doc?.fileName}
          </Typography.Text>
        )}
        <Typography.Text type="secondary">{sizeText(doc?.sizeBytes ?? null)}</Typography.Text>
        <Button size="small" icon={<DownloadOutlined />} href={url} download data-testid="document-download">
          {t('下载原件', 'Download')}
        </Button>
      </Space>
      <div ref={box} style={{ flex: 1, overflow: 'auto', background: '#fafafa' }} data-testid="document-text">
        {loading ? (
          <div style={{ padding: 32, textAlign: 'center' }}>
            <Spin />
          </div>
        ) : error ? (
          <Alert style={{ margin: 12 }} type="error" showIcon title={t(`读取原件失败（${error}），请点击“下载原件”在本机查看`, `Could not read the document (${error}); use “Download” to open it locally`)} />
        ) : doc && !isTextDocument(doc) ? (
          <div style={{ padding: 24 }}>
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={t('Word、PDF、Excel 原件不在此处显示：请点击“下载原件”查看。右侧每条审核发现都附有原文摘录与所在章节。', 'Word, PDF and Excel originals are not shown here: use “Download”. Each finding on the right quotes its source text and section.')}
            />
          </div>
        ) : (
          <div style={{ fontFamily: '"Noto Sans Mono CJK SC", "Noto Sans CJK SC", monospace', fontSize: 13, lineHeight: '20px', padding: '6px 0' }}>
            {lines.map((l, i) => (
              <div key={i} data-line={i + 1} data-marked={marked.has(i + 1) ? 'true' : undefined} style={{ display: 'flex', background: marked.has(i + 1) ? '#fff1b8' : undefined, borderLeft: marked.has(i + 1) ? '3px solid #faad14' : '3px solid transparent' }}>
                <span style={{ width: 44, flex: 'none', textAlign: 'right', paddingRight: 8, color: '#bfbfbf', userSelect: 'none' }}>{i + 1}</span>
                <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', paddingRight: 8 }}>{l || '\u00a0'}</span>
              </div>
            ))}
          </div>
        )}
      </div>
    </div>
  );
}
