import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export type DatabaseClient = 'sqlite' | 'postgres' | 'mysql';

/** A throwaway database for one test file: created before the app boots, dropped after it stops. */
export interface TestDatabase {
  client: DatabaseClient;
  /** Environment variables that point the app's config/database.ts at this database. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

export const databaseClient = (): DatabaseClient => {
  const client = (process.env.DATABASE_CLIENT ?? 'sqlite') as DatabaseClient;
  if (!['sqlite', 'postgres', 'mysql'].includes(client)) throw new Error(`Unsupported DATABASE_CLIENT "${client}"`);
  return client;
};

const uniqueName = () => `t_${process.pid}_${randomBytes(4).toString('hex')}`;

async function createSqlite(): Promise<TestDatabase> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'strapi-test-'));
  return {
    client: 'sqlite',
    env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(dir, 'data.db') },
    drop: () => fs.rm(dir, { recursive: true, force: true }),
  };
}

const pgConfig = () => ({
  host: process.env.DATABASE_HOST ?? '127.0.0.1',
  port: Number(process.env.DATABASE_PORT ?? 5432),
  database: process.env.DATABASE_NAME ?? 'test',
  user: process.env.DATABASE_USERNAME ?? 'postgres',
  password: process.env.DATABASE_PASSWORD ?? '',
});

/** PostgreSQL: a fresh schema in the configured database, dropped with everything in it. */
async function createPostgres(): Promise<TestDatabase> {
  const { Client } = await import('pg');
  const config = pgConfig();
  const schema = uniqueName();
  const run = async (sql: string) => {
    const client = new Client(config);
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE SCHEMA "${schema}"`);
  return {
    client: 'postgres',
    env: {
      DATABASE_CLIENT: 'postgres',
      DATABASE_HOST: config.host,
      DATABASE_PORT: String(config.port),
      DATABASE_NAME: config.database,
      DATABASE_USERNAME: config.user,
      DATABASE_PASSWORD: config.password,
      DATABASE_SCHEMA: schema,
    },
    drop: () => run(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`),
  };
}

/** MySQL / MariaDB: a fresh database, dropped afterwards. */
async function createMysql(): Promise<TestDatabase> {
  const mysql = await import('mysql2/promise');
  const config = {
    host: process.env.DATABASE_HOST ?? '127.0.0.1',
    port: Number(process.env.DATABASE_PORT ?? 3306),
    user: process.env.DATABASE_USERNAME ?? 'root',
    password: process.env.DATABASE_PASSWORD ?? '',
  };
  const name = uniqueName();
  const run = async (sql: string) => {
    const connection = await mysql.createConnection(config);
    try {
      await connection.query(sql);
    } finally {
      await connection.end();
    }
  };
  await run(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
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
    drop: () => run(`DROP DATABASE IF EXISTS \`${name}\``),
  };
}

export async function createTestDatabase(client: DatabaseClient = databaseClient()): Promise<TestDatabase> {
  if (client === 'postgres') return createPostgres();
  if (client === 'mysql') return createMysql();
  return createSqlite();
}
