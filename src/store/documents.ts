/**
 * Uploaded original documents, kept once per content: the key is the SHA-256 of the bytes, so the same file uploaded
 * twice (or by two departments) is stored once and linked to each evaluation it belongs to.
 */
import { createHash } from 'node:crypto';
import type { StoreContext } from './context.ts';
import { inTransaction } from './context.ts';
import type { EvaluationDocument, JsonValue, StoredDocument } from './database.ts';
import { toJson } from './json.ts';

export interface NewDocument {
  readonly bytes: Uint8Array;
  readonly fileName: string;
  readonly mediaType?: string;
  readonly uploadedBy?: string;
}

/** A document without its bytes. */
export type DocumentInfo = Omit<StoredDocument, 'bytes'>;

const INFO_COLUMNS = ['hash', 'fileName', 'mediaType', 'sizeBytes', 'extractionReport', 'uploadedBy', 'createdAt'] as const;

export const contentHash = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export function documentsRepository({ db, clock }: StoreContext) {
  return {
    /** Keeps the bytes unless the same content is already kept; either way returns the kept document's info. */
    put(input: NewDocument): Promise<{ readonly document: DocumentInfo; readonly isNew: boolean }> {
      const hash = contentHash(input.bytes);
      return inTransaction(db, async (trx) => {
        const inserted = await trx
          .insertInto('documents')
          .values({
            hash,
            fileName: input.fileName,
            mediaType: input.mediaType ?? null,
            sizeBytes: input.bytes.byteLength,
            bytes: input.bytes,
            extractionReport: null,
            uploadedBy: input.uploadedBy ?? null,
            createdAt: clock(),
          })
          .onConflict((oc) => oc.column('hash').doNothing())
          .returning(INFO_COLUMNS)
          .executeTakeFirst();
        if (inserted) return { document: inserted, isNew: true };
        const kept = await trx.selectFrom('documents').select(INFO_COLUMNS).where('hash', '=', hash).executeTakeFirstOrThrow();
        return { document: kept, isNew: false };
      });
    },

    /** The document with its bytes. */
    get(hash: string): Promise<StoredDocument | undefined> {
      return db.selectFrom('documents').selectAll().where('hash', '=', hash).executeTakeFirst();
    },

    info(hash: string): Promise<DocumentInfo | undefined> {
      return db.selectFrom('documents').select(INFO_COLUMNS).where('hash', '=', hash).executeTakeFirst();
    },

    list(): Promise<DocumentInfo[]> {
      return db.selectFrom('documents').select(INFO_COLUMNS).orderBy('createdAt').orderBy('hash').execute();
    },

    /** Records what the importer found in the document (the report of src/ingest's extraction). */
    async setExtractionReport(hash: string, report: JsonValue): Promise<boolean> {
      const r = await db.updateTable('documents').set({ extractionReport: toJson(report) }).where('hash', '=', hash).executeTakeFirst();
      return r.numUpdatedRows > 0n;
    },

    /** Links a kept document to an evaluation under the name it arrived with (once per evaluation and content). */
    async attach(evaluationId: string, hash: string, fileName: string, addedBy?: string): Promise<EvaluationDocument> {
      const row = await db
        .insertInto('evaluationDocuments')
        .values({ evaluationId, documentHash: hash, fileName, addedBy: addedBy ?? null, createdAt: clock() })
        .onConflict((oc) => oc.columns(['evaluationId', 'documentHash']).doNothing())
        .returningAll()
        .executeTakeFirst();
      return row ?? db.selectFrom('evaluationDocuments').selectAll().where('evaluationId', '=', evaluationId).where('documentHash', '=', hash).executeTakeFirstOrThrow();
    },

    forEvaluation(evaluationId: string): Promise<EvaluationDocument[]> {
      return db.selectFrom('evaluationDocuments').selectAll().where('evaluationId', '=', evaluationId).orderBy('createdAt').orderBy('documentHash').execute();
    },
  };
}

export type DocumentsRepository = ReturnType<typeof documentsRepository>;
