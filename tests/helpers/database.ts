import { randomBytes } from 'node:crypto';
import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export type DatabaseClient = 'sqlite' | 'postgres' | 'mysql';

/** A throwaway database for one test app: created before the app boots, dropped after it stops. */
export interface TestDatabase {
  client: DatabaseClient;
  /** Environment variables that point the app's config/database.ts at this database. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

export const databaseClient = (): DatabaseClient => {
  const client = (process.env.DATABASE_CLIENT ?? 'sqlite') as DatabaseClient;
  if (!['sqlite', 'postgres', 'mysql'].includes(client))
    throw new Error(`Unsupported DATABASE_CLIENT "${client}"`);
  return client;
};

/**
 * Names carry the test run's id (tests/global-setup.ts sets TEST_RUN_ID), so the run's teardown can drop
 * every database the run made, including those of a worker process that exited without dropping its own.
 */
const runId = () => process.env.TEST_RUN_ID ?? String(process.pid);
const uniqueName = () => `t_${runId()}_${randomBytes(4).toString('hex')}`;

/**
 * Where SQLite test databases live: Linux's memory-backed `/dev/shm` when the system has it, else the
 * temp folder. A commit on a disk waits for its fsync; a test app commits thousands of times (its schema
 * sync alone), so on a busy disk that wait was the larger part of an app's boot. Tests never check what
 * survives a power loss.
 */
export function sqliteRoot(): string {
  const shm = '/dev/shm';
  try {
    fsSync.accessSync(shm, fsSync.constants.W_OK);
    return shm;
  } catch {
    return os.tmpdir();
  }
}

async function createSqlite(template?: TestDatabase): Promise<TestDatabase> {
  const dir = await fs.mkdtemp(path.join(sqliteRoot(), `strapi-test-${runId()}-`));
  const filename = path.join(dir, 'data.db');
  // The template app was destroyed cleanly, so its WAL is checkpointed into the main file.
  if (template) await fs.copyFile(template.env.DATABASE_FILENAME, filename);
  return {
    client: 'sqlite',
    env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: filename },
    drop: () => fs.rm(dir, { recursive: true, force: true }),
  };
}

/**
 * The database the pass names (DATABASE_NAME when this module loads, before any app's settings replace
 * it): PostgreSQL's admin connection opens it to create and drop the test databases, never one of them.
 */
const PASS_DATABASE = process.env.DATABASE_NAME ?? 'test';

const pgConfig = () => ({
  host: process.env.DATABASE_HOST ?? '127.0.0.1',
  port: Number(process.env.DATABASE_PORT ?? 5432),
  database: PASS_DATABASE,
  user: process.env.DATABASE_USERNAME ?? 'postgres',
  password: process.env.DATABASE_PASSWORD ?? '',
});

async function postgresAdmin<T>(
  job: (query: (sql: string) => Promise<{ rows: Array<Record<string, unknown>> }>) => Promise<T>
): Promise<T> {
  const { Client } = await import('pg');
  const client = new Client(pgConfig());
  await client.connect();
  try {
    return await job((sql) => client.query(sql));
  } finally {
    await client.end();
  }
}

/** PostgreSQL: a new database, copied from the template with `CREATE DATABASE … TEMPLATE` when there is one. */
async function createPostgres(template?: TestDatabase): Promise<TestDatabase> {
  const config = pgConfig();
  const name = uniqueName();
  await postgresAdmin((query) =>
    query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template.env.DATABASE_NAME}"` : ''}`)
  );
  return {
    client: 'postgres',
    env: {
      DATABASE_CLIENT: 'postgres',
      DATABASE_HOST: config.host,
      DATABASE_PORT: String(config.port),
      DATABASE_NAME: name,
      DATABASE_USERNAME: config.user,
      DATABASE_PASSWORD: config.password,
      DATABASE_SCHEMA: 'public',
    },
    drop: () =>
      postgresAdmin((query) => query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(
        () => undefined
      ),
  };
}

const mysqlConfig = () => ({
  host: process.env.DATABASE_HOST ?? '127.0.0.1',
  port: Number(process.env.DATABASE_PORT ?? 3306),
  user: process.env.DATABASE_USERNAME ?? 'root',
  password: process.env.DATABASE_PASSWORD ?? '',
});

async function mysqlAdmin<T>(
  job: (query: (sql: string) => Promise<unknown[]>) => Promise<T>
): Promise<T> {
  const mysql = await import('mysql2/promise');
  const connection = await mysql.createConnection({ ...mysqlConfig(), multipleStatements: true });
  try {
    return await job(async (sql) => (await connection.query(sql))[0] as unknown[]);
  } finally {
    await connection.end();
  }
}

/** `CREATE TABLE` statements of a template database, read once per process. */
const mysqlTemplateTables = new Map<string, Promise<Array<{ table: string; create: string }>>>();

function readMysqlTables(database: string): Promise<Array<{ table: string; create: string }>> {
  let tables = mysqlTemplateTables.get(database);
  if (!tables) {
    tables = mysqlAdmin(async (query) => {
      const rows = (await query(
        `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = '${database}' AND table_type = 'BASE TABLE'`
      )) as Array<{ name: string }>;
      return Promise.all(
        rows.map(async ({ name }) => {
          const [row] = (await query(`SHOW CREATE TABLE \`${database}\`.\`${name}\``)) as Array<
            Record<string, string>
          >;
          return { table: name, create: row['Create Table'] };
        })
      );
    });
    mysqlTemplateTables.set(database, tables);
  }
  return tables;
}

/**
 * MySQL / MariaDB: a new database; from a template, MySQL has no `CREATE DATABASE … TEMPLATE`, so each
 * table is created from the template's own `SHOW CREATE TABLE` (indexes and foreign keys included) and
 * its rows copied, in one round trip with foreign key checks off.
 */
async function createMysql(template?: TestDatabase): Promise<TestDatabase> {
  const config = mysqlConfig();
  const name = uniqueName();
  const source = template?.env.DATABASE_NAME;
  const tables = source ? await readMysqlTables(source) : [];
  await mysqlAdmin((query) =>
    query(
      [
        `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
        `USE \`${name}\``,
        'SET FOREIGN_KEY_CHECKS = 0',
        ...tables.map(({ create }) => create),
        ...tables.map(
          ({ table }) =>
            `INSERT INTO \`${name}\`.\`${table}\` SELECT * FROM \`${source}\`.\`${table}\``
        ),
        'SET FOREIGN_KEY_CHECKS = 1',
      ].join(';\n')
    )
  );
  return {
    client: 'mysql',
    env: {
      DATABASE_CLIENT: 'mysql',
      DATABASE_HOST: config.host,
      DATABASE_PORT: String(config.port),
      DATABASE_NAME: name,
      DATABASE_USERNAME: config.user,
      DATABASE_PASSWORD: config.password,
    },
    drop: () =>
      mysqlAdmin((query) => query(`DROP DATABASE IF EXISTS \`${name}\``)).then(() => undefined),
  };
}

/**
 * A new, empty database on the configured client (DATABASE_CLIENT), or a copy of `template`: a database
 * a test app already built the schema in, so the next app skips Strapi's schema sync.
 */
export async function createTestDatabase(
  client: DatabaseClient = databaseClient(),
  template?: TestDatabase
): Promise<TestDatabase> {
  if (template && template.client !== client)
    throw new Error(`A ${client} database cannot be copied from a ${template.client} template`);
  if (client === 'postgres') return createPostgres(template);
  if (client === 'mysql') return createMysql(template);
  return createSqlite(template);
}

/** Drops every database of this test run that is still there (a worker that exited early leaves its own). */
export async function dropRunDatabases(client: DatabaseClient = databaseClient()): Promise<void> {
  // `_` is a LIKE wildcard: escaped, so only this run's names match.
  const prefix = `t_${runId()}_`.replace(/_/g, '\\_');
  if (client === 'postgres') {
    await postgresAdmin(async (query) => {
      const { rows } = await query(
        `SELECT datname FROM pg_database WHERE datname LIKE '${prefix}%'`
      );
      for (const row of rows)
        await query(`DROP DATABASE IF EXISTS "${String(row.datname)}" WITH (FORCE)`);
    });
  } else if (client === 'mysql') {
    await mysqlAdmin(async (query) => {
      const rows = (await query(`SHOW DATABASES LIKE '${prefix}%'`)) as Array<
        Record<string, string>
      >;
      for (const row of rows) await query(`DROP DATABASE IF EXISTS \`${Object.values(row)[0]}\``);
    });
  } else {
    const root = sqliteRoot();
    const dirs = (await fs.readdir(root)).filter((name) =>
      name.startsWith(`strapi-test-${runId()}-`)
    );
    await Promise.all(
      dirs.map((name) => fs.rm(path.join(root, name), { recursive: true, force: true }))
    );
  }
}
