/**
 * The audit's findings as a list: counts by severity, each finding's message and the fields it concerns, a click
 * taking the preparer to the field. Recomputed in the browser as the data changes.
 */
import { Badge, Button, Drawer, Empty, List, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { CATEGORY_LABELS, type Finding, SEVERITY_LABELS, type Severity } from '../../../core/audit/index.ts';
import { pick } from '../../lib/i18n.tsx';
import { useEditor } from './fields.tsx';
import { fieldLabel, within } from './paths.ts';

export const SEVERITY_TAG: Record<Severity, string> = { error: 'red', warning: 'gold', info: 'blue' };

/** The fields a finding names, each once, in order. */
export function fieldsOf(f: Finding): string[] {
  return [...new Set(f.locations.flatMap((l) => (l.field ? [l.field] : [])))];
}

export function FindingItem({ finding, onGo }: { finding: Finding; onGo: (field: string) => void }) {
  const { lang, t } = useEditor();
  const fields = fieldsOf(finding);
  return (
    <div data-testid="finding" data-rule={finding.rule} data-severity={finding.severity} data-fields={fields.join(' ')}>
      <Space size={4} wrap style={{ marginBottom: 2 }}>
        <Tag color={SEVERITY_TAG[finding.severity]} style={{ marginInlineEnd: 0 }}>
          {pick(lang, SEVERITY_LABELS[finding.severity].zh, SEVERITY_LABELS[finding.severity].en)}
        </Tag>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {pick(lang, CATEGORY_LABELS[finding.category].zh, CATEGORY_LABELS[finding.category].en)}
        </Typography.Text>
      </Space>
      <div style={{ lineHeight: 1.5 }}>{pick(lang, finding.message.zh, finding.message.en)}</div>
      {fields.length ? (
        <Space size={[4, 0]} wrap style={{ marginTop: 2 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('涉及：', 'At: ')}
          </Typography.Text>
          {fields.map((f) => (
            <Button key={f} size="small" type="link" style={{ padding: 0, height: 'auto', fontSize: 12 }} data-testid="finding-go" onClick={() => onGo(f)}>
              {fieldLabel(f, lang)}
            </Button>
          ))}
        </Space>
      ) : null}
    </div>
  );
}

export function countsOf(findings: readonly Finding[]): Record<Severity, number> {
  const c = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

export function FindingsDrawer({ open, onClose, findings, onGo, stale }: { open: boolean; onClose: () => void; findings: readonly Finding[]; onGo: (field: string) => void; stale: boolean }) {
  const { t } = useEditor();
  const [filter, setFilter] = useState<'all' | Severity>('all');
  const counts = countsOf(findings);
  const shown = filter === 'all' ? findings : findings.filter((f) => f.severity === filter);
  return (
    <Drawer
      title={t('审核发现', 'Findings')}
      open={open}
      onClose={onClose}
      mask={false}
      size={440}
      data-testid="findings-drawer"
      rootClassName="jx-findings-drawer"
      styles={{ body: { paddingTop: 8 } }}
    >
      <div data-testid="findings-panel">
      <Segmented<'all' | Severity>
        block
        value={filter}
        onChange={setFilter}
        options={[
          { value: 'all', label: t(`全部 ${findings.length}`, `All ${findings.length}`) },
          { value: 'error', label: <span data-testid="count-error">{t(`错误 ${counts.error}`, `Errors ${counts.error}`)}</span> },
          { value: 'warning', label: t(`警告 ${counts.warning}`, `Warnings ${counts.warning}`) },
          { value: 'info', label: t(`提示 ${counts.info}`, `Info ${counts.info}`) },
        ]}
      />
      {stale ? (
        <Typography.Paragraph type="warning" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('有字段格式不对，下列发现是改动前的结果；改正标红的字段后会重新核对。', 'A field is malformed; these findings are from before the change. Correct the red field and they are checked again.')}
        </Typography.Paragraph>
      ) : null}
      {shown.length ? (
        <List
          style={{ marginTop: 8 }}
          dataSource={[...shown]}
          renderItem={(f) => (
            <List.Item>
              <FindingItem finding={f} onGo={onGo} />
            </List.Item>
          )}
        />
      ) : (
        <Empty style={{ marginTop: 32 }} description={filter === 'all' ? t('没有审核发现：数字之间、前后文字之间都对得上', 'No findings: the figures and the text agree') : t('此类没有发现', 'None of this kind')} />
      )}
      </div>
    </Drawer>
  );
}

/** The findings of one section, under its form: what is wrong here, with a click to the field. */
export function SectionFindings({ prefixes, onGo }: { prefixes: readonly string[]; onGo: (field: string) => void }) {
  const { findings, t } = useEditor();
  const here = findings.filter((f) => f.severity !== 'info' && fieldsOf(f).some((k) => prefixes.some((p) => within(k, p))));
  if (!here.length) return null;
  const counts = countsOf(here);
  return (
    <div className="jx-section-findings" data-testid="section-findings">
      <Space size={8} style={{ marginBottom: 6 }}>
        <Typography.Text strong>{t('本节审核发现', 'Findings in this section')}</Typography.Text>
        {counts.error ? <Badge color="red" text={t(`错误 ${counts.error}`, `${counts.error} errors`)} /> : null}
        {counts.warning ? <Badge color="gold" text={t(`警告 ${counts.warning}`, `${counts.warning} warnings`)} /> : null}
      </Space>
      <List
        size="small"
        dataSource={[...here]}
        renderItem={(f) => (
          <List.Item>
            <FindingItem finding={f} onGo={onGo} />
          </List.Item>
        )}
      />
    </div>
  );
}
