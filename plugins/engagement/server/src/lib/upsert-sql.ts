/**
 * One batched "add these increments" statement per table, for every database Strapi supports: an
 * INSERT of all rows whose conflict on the unique key adds the new count to the stored one. The
 * database does the addition under its own row lock, so concurrent flushers (several instances) never
 * lose an increment and no row is ever read first (no read-modify-write).
 */
export type SqlClient = 'sqlite' | 'postgres' | 'mysql';

export interface IncrementBatch {
  /** Table name, schema-qualified when needed ('schema.table'). */
  table: string;
  /** Columns of the unique key, in the order of each row's `key` values. */
  keyColumns: readonly string[];
  /** The counter column. */
  countColumn: string;
  rows: ReadonlyArray<{ key: ReadonlyArray<string | number>; count: number }>;
}

/**
 * Builds `{ sql, bindings }` for knex.raw: mode 'add' adds each row's count to the stored one, 'set'
 * replaces it (the admin's migration route).
 * Identifiers are passed as `??` bindings so knex quotes them.
 */
export function buildUpsert(
  client: SqlClient,
  mode: 'add' | 'set',
  batch: IncrementBatch
): { sql: string; bindings: Array<string | number> } {
  if (batch.rows.length === 0) throw new Error('buildUpsert needs at least one row');
  const columns = [...batch.keyColumns, batch.countColumn];
  const rowPlaceholder = `(${columns.map(() => '?').join(', ')})`;
  const bindings: Array<string | number> = [batch.table, ...columns];
  for (const row of batch.rows) {
    if (row.key.length !== batch.keyColumns.length)
      throw new Error('Row key does not match keyColumns');
    bindings.push(...row.key, row.count);
  }
  const insert = `insert into ?? (${columns.map(() => '??').join(', ')}) values ${batch.rows.map(() => rowPlaceholder).join(', ')}`;
  if (client === 'mysql') {
    // VALUES(col) is what MariaDB understands (MySQL 8 accepts it with a deprecation note).
    if (mode === 'set') {
      bindings.push(batch.countColumn, batch.countColumn);
      return { sql: `${insert} on duplicate key update ?? = values(??)`, bindings };
    }
    bindings.push(batch.countColumn, batch.countColumn, batch.countColumn);
    return { sql: `${insert} on duplicate key update ?? = ?? + values(??)`, bindings };
  }
  // The target row is referred to by its bare table name (PostgreSQL rejects a schema-qualified one here).
  const bareTable = batch.table.split('.').pop() as string;
  if (mode === 'set') {
    bindings.push(...batch.keyColumns, batch.countColumn, batch.countColumn);
    return {
      sql: `${insert} on conflict (${batch.keyColumns.map(() => '??').join(', ')}) do update set ?? = excluded.??`,
      bindings,
    };
  }
  bindings.push(
    ...batch.keyColumns,
    batch.countColumn,
    bareTable,
    batch.countColumn,
    batch.countColumn
  );
  const conflict = `on conflict (${batch.keyColumns.map(() => '??').join(', ')}) do update set ?? = ??.?? + excluded.??`;
  return { sql: `${insert} ${conflict}`, bindings };
}
