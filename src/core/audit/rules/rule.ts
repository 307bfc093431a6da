import type { AuditContext, FindingDraft } from '../context.ts';
import type { AuditRule } from '../types.ts';

/** A rule of the registry: its documented identity and the check itself. */
export interface RuleImpl extends AuditRule {
  run(ctx: AuditContext): readonly FindingDraft[];
}
