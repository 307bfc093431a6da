/**
 * Two dialogs of the editor. The conflict dialog, when someone saved a newer version meanwhile: their changes and
 * the user's side by side, and three ways on — merge both, keep the user's data over theirs, or take theirs; what
 * the user typed stays in the editor until one is chosen. The submit dialog, when the audit still finds errors: the
 * errors, and the explanation the reviewer will read if the preparer submits anyway.
 */
import { Alert, Button, Input, List, Modal, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { diffData } from '../../../core/model/diff.ts';
import { useT } from '../../lib/i18n.tsx';
import { type Change, ChangesTable } from './history.tsx';
import { type Data, parsePath, setIn, within } from './paths.ts';

export interface ConflictBody {
  readonly baseVersion: number;
  readonly currentVersion: number;
  readonly current: { readonly version: number; readonly data: Data; readonly createdAt: string };
  readonly base: { readonly version: number; readonly data: Data } | null;
  readonly theirChanges: readonly Change[];
}

/** The user's changes laid over theirs: start from their version and apply, path by path, what the user changed. */
export function mergeOnto(theirs: Data, base: Data, mine: Data): Data {
  let out = theirs;
  for (const c of diffData(base, mine)) out = setIn(out, parsePath(c.path), c.after);
  return out;
}

export function ConflictDialog({
  conflict,
  mine,
  busy,
  onMerge,
  onKeepMine,
  onTakeTheirs,
}: {
  conflict: ConflictBody | undefined;
  mine: Data;
  busy: boolean;
  onMerge: () => void;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}) {
  const { t } = useT();
  if (!conflict) return null;
  const yours = diffData(conflict.base?.data ?? {}, mine);
  const overlap = yours.filter((y) => conflict.theirChanges.some((c) => within(y.path, c.path) || within(c.path, y.path)));
  return (
    <Modal
      open
      width={900}
      closable={false}
      maskClosable={false}
      title={t(`版本冲突：您编辑的是第 ${conflict.baseVersion} 版，他人已保存到第 ${conflict.currentVersion} 版`, `Version conflict: you edited version ${conflict.baseVersion}; someone saved version ${conflict.currentVersion} since`)}
      data-testid="conflict-dialog"
      footer={
        <Space wrap>
          <Button onClick={onTakeTheirs} disabled={busy} data-testid="conflict-theirs">
            {t('采用对方版本', 'Take their version')}
          </Button>
          <Button onClick={onKeepMine} disabled={busy} data-testid="conflict-mine" danger={overlap.length > 0}>
            {t('保留我的修改并覆盖', 'Keep mine and overwrite')}
          </Button>
          <Button type="primary" onClick={onMerge} loading={busy} data-testid="conflict-merge">
            {t('合并双方修改', 'Merge both')}
          </Button>
        </Space>
      }
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        message={t('您输入的内容都还在，没有丢失。请选择如何处理：', 'Everything you typed is still here. Choose how to go on:')}
        description={
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            <li>{t('合并双方修改：以对方的新版本为底，加上您改过的字段（同一字段以您的为准）。', 'Merge both: their new version with the fields you changed on top (yours win on the same field).')}</li>
            <li>{t('保留我的修改并覆盖：保存您现在看到的全部内容，对方的改动不保留。', 'Keep mine: save everything as you see it now; their changes are not kept.')}</li>
            <li>{t('采用对方版本：放弃您的改动，载入对方保存的版本。', 'Take theirs: drop your changes and load the version they saved.')}</li>
          </ul>
        }
      />
      {overlap.length ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={t(`有 ${overlap.length} 个字段双方都改了，合并时以您的为准；请核对后再决定。`, `${overlap.length} fields were changed by both; merging keeps yours. Check them before you choose.`)}
        />
      ) : null}
      <Typography.Title level={5}>{t(`对方的修改（${conflict.theirChanges.length} 处）`, `Their changes (${conflict.theirChanges.length})`)}</Typography.Title>
      <ChangesTable changes={conflict.theirChanges} testId="conflict-theirs-table" />
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        {t(`您的修改（${yours.length} 处）`, `Your changes (${yours.length})`)}
      </Typography.Title>
      <ChangesTable changes={yours} testId="conflict-yours-table" />
    </Modal>
  );
}

export function SubmitDialog({
  open,
  errors,
  warnings,
  busy,
  problem,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  /** The error findings (their messages) that stand: the live audit's, or the server's when it refused. */
  errors: readonly string[];
  warnings: number;
  busy: boolean;
  problem: string | undefined;
  onCancel: () => void;
  onSubmit: (overrideReason: string | undefined) => void;
}) {
  const { t } = useT();
  const [reason, setReason] = useState('');
  useEffect(() => {
    if (open) setReason('');
  }, [open]);
  const needsReason = errors.length > 0;
  return (
    <Modal
      open={open}
      width={720}
      title={needsReason ? t(`审核发现 ${errors.length} 个错误`, `The audit finds ${errors.length} errors`) : t('提交本版本', 'Submit this version')}
      onCancel={onCancel}
      data-testid="submit-dialog"
      footer={
        <Space>
          <Button onClick={onCancel}>{needsReason ? t('返回修改', 'Go back and correct') : t('取消', 'Cancel')}</Button>
          <Button type="primary" danger={needsReason} loading={busy} disabled={needsReason && reason.trim() === ''} onClick={() => onSubmit(needsReason ? reason.trim() : undefined)} data-testid="submit-confirm">
            {needsReason ? t('说明理由并提交', 'Submit with this explanation') : t('提交', 'Submit')}
          </Button>
        </Space>
      }
    >
      {needsReason ? (
        <>
          <Typography.Paragraph>
            {t('最好先改正这些错误。若确认原文如此（例如以决算为准），写明保留的理由后仍可提交，审核人会看到这段说明。', 'Correct them if you can. If the figures stand as they are (e.g. the final accounts say so), explain why and submit anyway; the reviewer reads your explanation.')}
          </Typography.Paragraph>
          <List
            size="small"
            bordered
            style={{ maxHeight: 220, overflow: 'auto', marginBottom: 12 }}
            dataSource={[...errors]}
            renderItem={(f) => <List.Item data-testid="submit-error">{f}</List.Item>}
          />
          <Input.TextArea
            data-testid="override-reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            autoSize={{ minRows: 3, maxRows: 6 }}
            maxLength={2000}
            placeholder={t('保留理由（必填），如：实际支出以决算报表为准，印出的执行率为初稿数', 'Why the errors stand (required), e.g. actual spending follows the final accounts')}
          />
        </>
      ) : (
        <Typography.Paragraph>
          {t('提交后内容冻结，等待部门负责人盖章和财政局审核；如需修改，可在审核开始前撤回。', 'Once submitted the content is frozen for sign-off and review; you can withdraw it before review starts.')}
          {warnings ? t(`（另有 ${warnings} 个警告，不影响提交。）`, ` (${warnings} warnings remain; they do not block submission.)`) : ''}
        </Typography.Paragraph>
      )}
      {problem ? <Alert type="error" showIcon message={problem} style={{ marginTop: 12 }} /> : null}
    </Modal>
  );
}
