/**
 * The editor's inputs. Each is bound to one field path of the plain data and shows, beside itself, what concerns
 * that field: the audit's findings, the model's refusals (422-style problems), a reviewer's return reasons, and —
 * for a figure imported from a document — where it was read, with a way to confirm it.
 */
import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled, FileSearchOutlined, InfoCircleFilled, MessageFilled } from '@ant-design/icons';
import { Button, Input, Popover, Select, Space, Tooltip, Typography } from 'antd';
import { type CSSProperties, type ReactNode, createContext, useContext } from 'react';
import { MONEY_UNITS, type MoneyUnit, parseMoneyUnit } from '../../../core/amount.ts';
import type { Finding } from '../../../core/audit/index.ts';
import type { Source } from '../../../core/model/money.ts';
import { type Lang, pick } from '../../lib/i18n.tsx';
import { findingsAt, problemsAt, worstOf } from './live.ts';
import { type Data, type PathSegment, formatPath, getIn, isRecord } from './paths.ts';

/** A problem shown at a field: the model's (typed in the browser) or the server's (a refused save). */
export interface FieldProblem {
  readonly path: string;
  readonly text: string;
}

export interface EditorCtx {
  readonly data: Data;
  readonly readOnly: boolean;
  readonly lang: Lang;
  readonly t: (zh: string, en: string) => string;
  set(path: readonly PathSegment[], value: unknown): void;
  update(fn: (d: Data) => Data): void;
  readonly findings: readonly Finding[];
  readonly problems: readonly FieldProblem[];
  /** Return reasons by field key. */
  readonly reasons: Readonly<Record<string, readonly string[]>>;
  /** Imported figures the user confirmed (UI state), by field key and source text. */
  readonly checked: ReadonlySet<string>;
  check(key: string): void;
}

export const EditorContext = createContext<EditorCtx | null>(null);
export function useEditor(): EditorCtx {
  const c = useContext(EditorContext);
  if (!c) throw new Error('useEditor outside the editor');
  return c;
}

const SEVERITY_COLOR = { error: '#cf1322', warning: '#d48806', info: '#1677ff' } as const;

/** The money unit that applies at `path`: the nearest enclosing `unit`, else 万元 (the model's default). */
export function unitAt(data: Data, path: readonly PathSegment[]): MoneyUnit {
  for (let i = path.length - 1; i >= 0; i--) {
    const holder = getIn(data, path.slice(0, i));
    const u = isRecord(holder) && typeof holder.unit === 'string' ? parseMoneyUnit(holder.unit) : undefined;
    if (u) return u;
  }
  return '万元';
}

/** An amount as stored ("3229.91", 3229.91, "59.12 万元", {value, unit, source}) split into text, unit and source. */
export function readAmount(raw: unknown): { text: string; unit?: MoneyUnit; source?: Source } {
  if (raw === undefined || raw === null) return { text: '' };
  if (typeof raw === 'number') return { text: String(raw) };
  if (typeof raw === 'string') {
    const m = /^(.*?)\s*(万元|元)$/.exec(raw.trim());
    return m ? { text: m[1] ?? '', unit: parseMoneyUnit(m[2] ?? '') ?? '万元' } : { text: raw };
  }
  if (isRecord(raw)) {
    const inner = readAmount(raw.value);
    const unit = typeof raw.unit === 'string' ? parseMoneyUnit(raw.unit) : inner.unit;
    return { text: inner.text, ...(unit ? { unit } : {}), ...(isRecord(raw.source) ? { source: raw.source as Source } : {}) };
  }
  return { text: String(raw) };
}

function findingText(f: Finding, lang: Lang): string {
  return pick(lang, f.message.zh, f.message.en);
}

/**
 * What concerns field `k`, as small marks beside its input: findings (by severity), problems, return reasons.
 * `status` tells the input how to colour its border.
 */
export function useMarks(k: string): { status: '' | 'error' | 'warning'; marks: ReactNode | null; severity?: string } {
  const { findings, problems, reasons, lang, t } = useEditor();
  const here = findingsAt(findings, k);
  const probs = problemsAt(problems, k);
  const rs = Object.entries(reasons).filter(([key]) => key === k).flatMap(([, v]) => v);
  const worst = worstOf(here);
  const status = probs.length || worst === 'error' ? 'error' : worst === 'warning' ? 'warning' : '';
  const marks = !here.length && !rs.length ? null : (
    <>
      {here.length ? (
        <Tooltip
          title={
            <div style={{ maxWidth: 420 }}>
              {here.map((f, i) => (
                <div key={i} style={{ marginBottom: 4 }}>
                  {findingText(f, lang)}
                </div>
              ))}
            </div>
          }
        >
          <span className="jx-mark" data-testid="field-finding" data-field={k} data-severity={worst} style={{ color: SEVERITY_COLOR[worst ?? 'info'], cursor: 'help' }}>
            {worst === 'error' ? <CloseCircleFilled /> : worst === 'warning' ? <ExclamationCircleFilled /> : <InfoCircleFilled />}
          </span>
        </Tooltip>
      ) : null}
      {rs.length ? (
        <Tooltip title={<div>{rs.map((r, i) => <div key={i}>{r}</div>)}</div>}>
          <span className="jx-mark" data-testid="field-reason" style={{ color: '#d46b08', cursor: 'help' }} aria-label={t('退回理由', 'return reason')}>
            <MessageFilled />
          </span>
        </Tooltip>
      ) : null}
    </>
  );
  return { status, marks, ...(worst ? { severity: worst } : {}) };
}

/** Problems of field `k` as a line under it (the model's words and what to do). */
export function ProblemLine({ k }: { k: string }) {
  const { problems } = useEditor();
  const probs = problemsAt(problems, k);
  if (!probs.length) return null;
  return (
    <div className="jx-problem" data-testid="field-problem" data-field={k}>
      {probs.map((p, i) => (
        <div key={i}>{p.text}</div>
      ))}
    </div>
  );
}

/** Where an imported figure was read, on hover; 「确认」 marks it checked. */
export function SourceMarker({ k, source }: { k: string; source: Source }) {
  const { t, checked, check, readOnly } = useEditor();
  const key = `${k}|${source.text ?? ''}|${source.line ?? ''}`;
  const ok = checked.has(key);
  const where = [source.file, source.page ? t(`第 ${source.page} 页`, `page ${source.page}`) : '', source.line ? t(`第 ${source.line} 行`, `line ${source.line}`) : '', source.table, source.section].filter(Boolean).join(' · ');
  return (
    <Popover
      title={t('导入自文件', 'Imported from a document')}
      content={
        <div style={{ maxWidth: 360 }}>
          <Typography.Text type="secondary">{where}</Typography.Text>
          {source.text ? <div className="jx-excerpt">{source.text}</div> : null}
          <div style={{ marginTop: 8 }}>
            {ok ? (
              <Typography.Text type="success">{t('已确认与原文一致', 'Confirmed against the document')}</Typography.Text>
            ) : readOnly ? null : (
              <Space>
                <Button size="small" type="primary" data-testid="source-confirm" onClick={() => check(key)}>
                  {t('确认', 'Confirm')}
                </Button>
                <Typography.Text type="secondary">{t('不对请直接改写数值', 'If wrong, type the correct value')}</Typography.Text>
              </Space>
            )}
          </div>
        </div>
      }
    >
      <span className="jx-mark" data-testid="source-marker" data-field={k} data-checked={ok ? 'true' : 'false'} style={{ color: ok ? '#389e0d' : '#1d5fbf', cursor: 'help' }}>
        {ok ? <CheckCircleFilled /> : <FileSearchOutlined />}
      </span>
    </Popover>
  );
}

/** A figure of money typed as decimal text, with its unit (元/万元). */
export function AmountField({ path, width = 150, signed = false }: { path: readonly PathSegment[]; width?: number; signed?: boolean }) {
  const ed = useEditor();
  const k = formatPath(path);
  const raw = getIn(ed.data, path);
  const a = readAmount(raw);
  const unit = a.unit ?? unitAt(ed.data, path);
  const { status, marks, severity } = useMarks(k);
  const write = (text: string, u: MoneyUnit | undefined) => {
    if (text.trim() === '') return ed.set(path, undefined);
    const base: Record<string, unknown> = isRecord(raw) ? { ...raw } : {};
    // A typed correction is no longer the document's figure: its source goes; a unit change keeps it.
    if (text !== a.text) {
      delete base.source;
      delete base.derivedFrom;
    }
    ed.set(path, { ...base, value: text, ...(u ? { unit: u } : {}) });
  };
  const suffix = a.source || marks ? (
    <span className="jx-suffix">
      {a.source ? <SourceMarker k={k} source={a.source} /> : null}
      {marks}
    </span>
  ) : (
    <span />
  );
  return (
    <div className="jx-field jx-amount" data-severity={severity} style={{ width }}>
      <Space.Compact size="small" style={{ width: '100%' }}>
        <Input
          data-field={k}
          value={a.text}
          status={status}
          disabled={ed.readOnly}
          inputMode="decimal"
          placeholder={signed ? '±0.00' : '0.00'}
          onChange={(e) => write(e.target.value, a.unit)}
          suffix={suffix}
          style={{ textAlign: 'right' }}
        />
        <Select
          size="small"
          value={unit}
          disabled={ed.readOnly}
          suffixIcon={null}
          style={{ width: 50, flex: 'none' }}
          options={MONEY_UNITS.map((u) => ({ value: u, label: u }))}
          popupMatchSelectWidth={false}
          onChange={(u: MoneyUnit) => (a.text ? write(a.text, u) : undefined)}
          aria-label={ed.t('金额单位', 'money unit')}
        />
      </Space.Compact>
      <ProblemLine k={k} />
    </div>
  );
}

/** A text field; cleared, it is removed from the data (unless the model requires it). */
export function TextField({
  path,
  area = false,
  rows = 3,
  required = false,
  placeholder,
  width,
  style,
  onKeyDown,
}: {
  path: readonly PathSegment[];
  area?: boolean;
  rows?: number;
  required?: boolean;
  placeholder?: string;
  width?: number | string;
  style?: CSSProperties;
  onKeyDown?: (e: React.KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => void;
}) {
  const ed = useEditor();
  const k = formatPath(path);
  const raw = getIn(ed.data, path);
  const value = typeof raw === 'string' ? raw : typeof raw === 'number' ? String(raw) : isRecord(raw) && typeof raw.value === 'string' ? raw.value : '';
  const { status, marks, severity } = useMarks(k);
  const write = (v: string) => {
    if (isRecord(raw)) {
      // A printed value { value, source }: a correction is typed text of the user's own.
      return ed.set(path, v === '' && !required ? undefined : v === raw.value ? raw : v);
    }
    ed.set(path, v === '' && !required ? undefined : v);
  };
  const source = isRecord(raw) && isRecord(raw.source) ? (raw.source as Source) : undefined;
  const common = {
    'data-field': k,
    value,
    status,
    disabled: ed.readOnly,
    placeholder,
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => write(e.target.value),
    ...(onKeyDown ? { onKeyDown } : {}),
  };
  return (
    <div className="jx-field" data-severity={severity} style={{ width: width ?? '100%', ...style }}>
      {area ? (
        <>
          <Input.TextArea {...common} autoSize={{ minRows: Math.min(rows, 2), maxRows: rows * 3 }} />
          {source ? <SourceMarker k={k} source={source} /> : null}
          {marks}
        </>
      ) : (
        <Input
          size="small"
          {...common}
          suffix={
            source || marks ? (
              <span className="jx-suffix">
                {source ? <SourceMarker k={k} source={source} /> : null}
                {marks}
              </span>
            ) : (
              <span />
            )
          }
        />
      )}
      <ProblemLine k={k} />
    </div>
  );
}

/** A choice among the model's values; an empty choice removes the field. */
export function ChoiceField<V extends string>({ path, options, width = 120, placeholder }: { path: readonly PathSegment[]; options: { value: V; label: string }[]; width?: number; placeholder?: string }) {
  const ed = useEditor();
  const k = formatPath(path);
  const raw = getIn(ed.data, path);
  const { status, marks } = useMarks(k);
  return (
    <div className="jx-field" data-field={k} tabIndex={-1}>
      <Select<V>
        size="small"
        allowClear
        value={(typeof raw === 'string' ? raw : null) as V | null}
        disabled={ed.readOnly}
        status={status}
        placeholder={placeholder}
        style={{ width }}
        options={options}
        onChange={(v) => ed.set(path, v ?? undefined)}
      />
      {marks}
      <ProblemLine k={k} />
    </div>
  );
}

/** A yes/no field stored as a boolean (absent when not said). */
export function YesNoField({ path, width = 90 }: { path: readonly PathSegment[]; width?: number }) {
  const ed = useEditor();
  const k = formatPath(path);
  const raw = getIn(ed.data, path);
  return (
    <div className="jx-field" data-field={k} tabIndex={-1}>
      <Select<'yes' | 'no'>
        size="small"
        allowClear
        style={{ width }}
        disabled={ed.readOnly}
        value={raw === true ? 'yes' : raw === false ? 'no' : null}
        options={[
          { value: 'yes', label: ed.t('是', 'yes') },
          { value: 'no', label: ed.t('否', 'no') },
        ]}
        onChange={(v) => ed.set(path, v === 'yes' ? true : v === 'no' ? false : undefined)}
      />
    </div>
  );
}

/** Moves focus to the field `key` shows (or the nearest one that exists), scrolled into view and flashed. */
export function focusField(key: string): boolean {
  const esc = (s: string) => CSS.escape(s);
  let target: Element | null = null;
  let k = key;
  for (let i = 0; i < 8 && !target; i++) {
    target = document.querySelector(`input[data-field="${esc(k)}"], textarea[data-field="${esc(k)}"], [data-field="${esc(k)}"].jx-field, [data-field="${esc(k)}"][tabindex]`);
    if (!target) target = document.querySelector(`input[data-field^="${esc(k)}."], input[data-field^="${esc(k)}["], textarea[data-field^="${esc(k)}."], textarea[data-field^="${esc(k)}["]`);
    const shorter = k.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
    if (shorter === k) break;
    k = shorter;
  }
  if (!target) return false;
  const focusable = target.matches('input,textarea,[tabindex]') ? (target as HTMLElement) : (target.querySelector('input,textarea,[tabindex]') as HTMLElement | null);
  (focusable ?? (target as HTMLElement)).scrollIntoView({ block: 'center', behavior: 'auto' });
  (focusable as HTMLElement | null)?.focus({ preventScroll: true });
  const box = target.closest('.jx-field') ?? target;
  box.classList.add('jx-flash');
  window.setTimeout(() => box.classList.remove('jx-flash'), 1600);
  return true;
}
