/**
 * 审核意见: a reviewer's opinion on one version of an evaluation — adjusted scores per rubric item, each with its reason
 * (exact decimals, numeric column), an overall opinion and 整改 requirements. An opinion is written once; a new review
 * is a new opinion.
 */
import type { StoreContext } from './context.ts';
import { inTransaction } from './context.ts';
import type { DecimalText, Rectification, ReviewItemScore, ReviewOpinion } from './database.ts';
import { isId, newId } from './ids.ts';
import { toJson } from './json.ts';

export interface ItemScoreInput {
  readonly rubricItemId: string;
  /** Exact decimal text, e.g. "8.5"; never a float. */
  readonly adjustedScore: DecimalText;
  readonly reason: string;
}

export interface NewReviewOpinion {
  readonly evaluationId: string;
  /** The version reviewed. */
  readonly version: number;
  readonly reviewerId: string;
  readonly overallOpinion: string;
  readonly rectifications?: readonly Rectification[];
  readonly itemScores?: readonly ItemScoreInput[];
}

export interface ReviewOpinionWithScores extends ReviewOpinion {
  readonly itemScores: readonly ReviewItemScore[];
}

/** Plain decimal text as PostgreSQL's numeric reads it back unchanged: optional sign, digits, optional fraction. */
const DECIMAL = /^-?\d+(\.\d+)?$/;

export function reviewsRepository({ db, clock }: StoreContext) {
  const withScores = async (executor: typeof db, opinions: readonly ReviewOpinion[]): Promise<ReviewOpinionWithScores[]> => {
    if (opinions.length === 0) return [];
    const scores = await executor
      .selectFrom('reviewItemScores')
      .selectAll()
      .where('opinionId', 'in', opinions.map((o) => o.id))
      .orderBy('rubricItemId')
      .execute();
    return opinions.map((o) => ({ ...o, itemScores: scores.filter((s) => s.opinionId === o.id) }));
  };

  return {
    create(input: NewReviewOpinion): Promise<ReviewOpinionWithScores> {
      const bad = input.itemScores?.find((s) => !DECIMAL.test(s.adjustedScore));
      // A programmer's error: the server's schema admits only decimal text here.
      if (bad) throw new RangeError(`adjusted score of ${bad.rubricItemId} is not decimal text: ${bad.adjustedScore}`);
      return inTransaction(db, async (trx) => {
        const opinion = await trx
          .insertInto('reviewOpinions')
          .values({
            id: newId(),
            evaluationId: input.evaluationId,
            version: input.version,
            reviewerId: input.reviewerId,
            overallOpinion: input.overallOpinion,
            rectifications: toJson(input.rectifications ?? []),
            createdAt: clock(),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        const scores = input.itemScores ?? [];
        if (scores.length > 0) {
          await trx
            .insertInto('reviewItemScores')
            .values(scores.map((s) => ({ opinionId: opinion.id, rubricItemId: s.rubricItemId, adjustedScore: s.adjustedScore, reason: s.reason })))
            .execute();
        }
        const [withItems] = await withScores(trx, [opinion]);
        if (!withItems) throw new Error('opinion vanished within its transaction');
        return withItems;
      });
    },

    async get(opinionId: string): Promise<ReviewOpinionWithScores | undefined> {
      if (!isId(opinionId)) return undefined;
      const opinion = await db.selectFrom('reviewOpinions').selectAll().where('id', '=', opinionId).executeTakeFirst();
      return opinion ? (await withScores(db, [opinion]))[0] : undefined;
    },

    /** The opinions on an evaluation, oldest first (of one version when `version` is given). */
    async list(evaluationId: string, version?: number): Promise<ReviewOpinionWithScores[]> {
      if (!isId(evaluationId)) return [];
      let q = db.selectFrom('reviewOpinions').selectAll().where('evaluationId', '=', evaluationId);
      if (version !== undefined) q = q.where('version', '=', version);
      return withScores(db, await q.orderBy('createdAt').orderBy('id').execute());
    },
  };
}

export type ReviewsRepository = ReturnType<typeof reviewsRepository>;
