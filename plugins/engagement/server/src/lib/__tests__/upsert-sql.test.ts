import knexFactory, { type Knex } from 'knex';
import { buildUpsert } from '../upsert-sql';

const batch = (rows: Array<[string, number]>) => ({
  table: 'totals',
  keyColumns: ['doc', 'metric'],
  countColumn: 'count',
  rows: rows.map(([doc, count]) => ({ key: [doc, 'view'], count })),
});

describe('buildUpsert', () => {
  it('writes ON DUPLICATE KEY UPDATE for MySQL/MariaDB and ON CONFLICT for the others', () => {
    expect(buildUpsert('mysql', 'add', batch([['a', 1]])).sql).toBe(
      'insert into ?? (??, ??, ??) values (?, ?, ?) on duplicate key update ?? = ?? + values(??)'
    );
    expect(
      buildUpsert('postgres', 'add', { ...batch([['a', 1]]), table: 'schema1.totals' })
    ).toEqual({
      sql: 'insert into ?? (??, ??, ??) values (?, ?, ?) on conflict (??, ??) do update set ?? = ??.?? + excluded.??',
      bindings: [
        'schema1.totals',
        'doc',
        'metric',
        'count',
        'a',
        'view',
        1,
        'doc',
        'metric',
        'count',
        'totals',
        'count',
        'count',
      ],
    });
    expect(buildUpsert('sqlite', 'set', batch([['a', 1]])).sql).toMatch(
      /do update set \?\? = excluded\.\?\?$/
    );
    expect(() => buildUpsert('sqlite', 'add', batch([]))).toThrow(/at least one row/);
  });

  describe('on SQLite', () => {
    let knex: Knex;
    beforeEach(async () => {
      knex = knexFactory({
        client: 'better-sqlite3',
        connection: { filename: ':memory:' },
        useNullAsDefault: true,
      });
      await knex.schema.createTable('totals', (table) => {
        table.string('doc');
        table.string('metric');
        table.integer('count').notNullable().defaultTo(0);
        table.unique(['doc', 'metric']);
      });
    });
    afterEach(() => knex.destroy());

    const run = async (mode: 'add' | 'set', rows: Array<[string, number]>) => {
      const { sql, bindings } = buildUpsert('sqlite', mode, batch(rows));
      await knex.raw(sql, bindings);
    };
    const counts = async () =>
      Object.fromEntries(
        (
          (await knex('totals').select('doc', 'count').orderBy('doc')) as Array<{
            doc: string;
            count: number;
          }>
        ).map((row) => [row.doc, row.count])
      );

    it('adds increments to existing rows and creates missing ones in one statement', async () => {
      await run('add', [
        ['a', 3],
        ['b', 1],
      ]);
      await run('add', [
        ['a', 2],
        ['c', 5],
      ]);
      expect(await counts()).toEqual({ a: 5, b: 1, c: 5 });
    });

    it('sets values in set mode', async () => {
      await run('add', [['a', 3]]);
      await run('set', [
        ['a', 4633],
        ['b', 7],
      ]);
      expect(await counts()).toEqual({ a: 4633, b: 7 });
    });
  });
});
