import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { AbortedTransactionError, CompiledQuery, Kysely, sql } from 'kysely';
import { PGliteDialect } from './pglite.ts';

interface Db {
  items: { id: number; name: string };
}

describe('the PGlite dialect', () => {
  let pglite: PGlite;
  let db: Kysely<Db>;

  before(async () => {
    pglite = await PGlite.create('memory://');
    db = new Kysely<Db>({ dialect: new PGliteDialect({ pglite }) });
    await db.schema.createTable('items').addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('name', 'text', (c) => c.notNull()).execute();
  });

  after(async () => {
    await db.destroy();
    await pglite.close();
  });

  test('runs queries and reports the rows an insert, update or delete touched', async () => {
    const inserted = await db.insertInto('items').values([{ id: 1, name: 'a' }, { id: 2, name: 'b' }]).executeTakeFirst();
    assert.equal(inserted.numInsertedOrUpdatedRows, 2n);
    const updated = await db.updateTable('items').set({ name: 'c' }).where('id', '=', 2).executeTakeFirst();
    assert.equal(updated.numUpdatedRows, 1n);
    assert.deepEqual(await db.selectFrom('items').selectAll().orderBy('id').execute(), [{ id: 1, name: 'a' }, { id: 2, name: 'c' }]);
    const deleted = await db.deleteFrom('items').executeTakeFirst();
    assert.equal(deleted.numDeletedRows, 2n);
  });

  test('a transaction holds the one connection: a query issued meanwhile runs after it, not inside it', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let inserted: () => void = () => {};
    const didInsert = new Promise<void>((r) => {
      inserted = r;
    });
    const rolledBack = db.transaction().execute(async (trx) => {
      await trx.insertInto('items').values({ id: 10, name: 'uncommitted' }).execute();
      inserted();
      await gate;
      throw new Error('roll back');
    });
    await didInsert;
    // Issued while the transaction is open. Were the connection shared, PGlite would run it before the ROLLBACK and
    // it would see the uncommitted row.
    const outside = db.selectFrom('items').select('id').where('id', '=', 10).execute();
    release();
    await assert.rejects(rolledBack, /roll back/);
    assert.deepEqual(await outside, []);
  });

  test('commits, and reports a transaction an error aborted as AbortedTransactionError', async () => {
    await db.transaction().execute((trx) => trx.insertInto('items').values({ id: 20, name: 'kept' }).execute());
    assert.equal((await db.selectFrom('items').select('name').where('id', '=', 20).executeTakeFirstOrThrow()).name, 'kept');

    const trx = await db.startTransaction().execute();
    await assert.rejects(trx.insertInto('items').values({ id: 20, name: 'duplicate' }).execute(), /duplicate key/);
    await assert.rejects(trx.commit().execute(), AbortedTransactionError);
    // The connection is free again.
    assert.equal((await db.selectFrom('items').select('id').where('id', '=', 20).execute()).length, 1);
  });

  test('savepoints roll back part of a transaction', async () => {
    const trx = await db.startTransaction().execute();
    await trx.insertInto('items').values({ id: 30, name: 'before' }).execute();
    const sp = await trx.savepoint('part').execute();
    await sp.insertInto('items').values({ id: 31, name: 'dropped' }).execute();
    await sp.rollbackToSavepoint('part').execute();
    await sp.commit().execute();
    assert.deepEqual((await db.selectFrom('items').select('id').where('id', 'in', [30, 31]).execute()).map((r) => r.id), [30]);
  });

  test('a read-only transaction refuses writes', async () => {
    await assert.rejects(
      db.transaction().setAccessMode('read only').execute((trx) => trx.insertInto('items').values({ id: 40, name: 'x' }).execute()),
      /read-only transaction/,
    );
  });

  test('streams rows in chunks', async () => {
    const chunks = await db.getExecutor().provideConnection(async (c) => {
      const out: number[] = [];
      for await (const r of c.streamQuery(CompiledQuery.raw('select generate_series(1, 7) as n'), 3)) out.push(r.rows.length);
      return out;
    });
    assert.deepEqual(chunks, [3, 3, 1]);
  });

  test('reads numeric exactly, bigint as a number and bytea as plain bytes', async () => {
    const own = new Kysely<Db>({ dialect: new PGliteDialect() });
    try {
      const { rows } = await sql<{ n: string; b: number; y: Uint8Array }>`select 12345678901234567890.123456789012::numeric as n, 9007199254740991::bigint as b, '\\x00ff'::bytea as y`.execute(own);
      assert.deepEqual(rows, [{ n: '12345678901234567890.123456789012', b: 9007199254740991, y: new Uint8Array([0, 255]) }]);
      await assert.rejects(sql`select 9007199254740993::bigint as b`.execute(own), /safe JavaScript integer/);
    } finally {
      await own.destroy();
    }
  });

  test('destroying the dialect leaves an instance it was given open', async () => {
    const other = new Kysely<Db>({ dialect: new PGliteDialect({ pglite }) });
    await sql`select 1`.execute(other);
    await other.destroy();
    assert.equal(pglite.closed, false);
  });
});
