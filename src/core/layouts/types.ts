/**
 * A layout (版式, "document kind"): everything jixiao knows about one family of self-evaluation documents, declared
 * in one entry. Ingest recognises a document by the entry's markers; compute prefers its formula variants; the audit
 * reads its expected fields and region rules; render picks its default template; import names its default rubric.
 * Adding a province's layout is one file in this folder plus its line in `index.ts` (docs/layouts.md shows how).
 * Pure data: no function here reads a file, and nothing outside this folder switches on a layout id.
 */
import type { Basis } from '../formulas/types.ts';

export interface LocalText {
  readonly zh: string;
  readonly en: string;
}

/** What a document of the layout evaluates: the department as a whole (部门整体) or one project (项目). */
export type LayoutSubject = 'department' | 'project';

export interface Layout {
  /** Stable id, stored in evaluation files as `documentKind`. */
  readonly id: string;
  /** The name a person knows the layout by (版式名称). */
  readonly label: LocalText;
  /** Where and when it was seen; `null` region for a national form. */
  readonly region: LocalText | null;
  readonly years?: { readonly from?: number; readonly to?: number };
  readonly subject: LayoutSubject;
  /** One line on its shape, for docs/layouts.md and `jixiao import` reports. */
  readonly description: LocalText;
  /**
   * The formula variants the layout's own rule uses: a basis (a set of variants in the formula library) and, where
   * one family departs from it, the variant id per family (预算完成率 = 执行数 ÷ 调整后预算 …).
   */
  readonly formulas: { readonly basis: Basis; readonly variants?: Readonly<Record<string, string>> };
  /** The rubric id import names when the document prints none (`rubrics/<id>.yaml`). */
  readonly rubric?: string;
  /** Evaluation paths a document of the layout prints; the import report lists those not found. */
  readonly expected: readonly string[];
  /** Region rules the audit applies. */
  readonly rules: {
    /** Projects at or above this many 万元 must be evaluated as key projects (广州: 500). */
    readonly keyProjectMin?: string;
    /** At least one key project must be evaluated. */
    readonly requiresKeyProject?: boolean;
  };
  /** The output template `jixiao render` uses when none is named. */
  readonly template: string;
  /**
   * Structural markers with weights: words of the layout's sections, labels and column headers (never a department
   * name or a figure). The layout whose markers a document carries most, above a floor, is its layout.
   */
  readonly markers: readonly (readonly [RegExp, number])[];
}
