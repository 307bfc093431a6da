/**
 * Where a value came from (出处): typed in by a person (with the file and line the shell knows), imported from a
 * document (file + location + source text), or computed (formula + inputs).
 */
import type { Derivation, Source } from './model/money.ts';

export interface EnteredAt {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}

export type Provenance =
  | ({ readonly kind: 'entered' } & EnteredAt)
  | { readonly kind: 'imported'; readonly source: Source }
  | { readonly kind: 'computed'; readonly formula: string; readonly inputs: Derivation['inputs'] };

export function provenanceOf(value: { readonly source?: Source; readonly derivedFrom?: Derivation }, at?: EnteredAt): Provenance {
  if (value.source) return { kind: 'imported', source: value.source };
  if (value.derivedFrom) return { kind: 'computed', formula: value.derivedFrom.formula, inputs: value.derivedFrom.inputs };
  return { kind: 'entered', ...(at ?? {}) };
}
