import path from 'path';
import type { Core } from '@strapi/strapi';

type ClientKind = 'sqlite' | 'postgres' | 'mysql';
const CLIENTS: readonly ClientKind[] = ['sqlite', 'postgres', 'mysql'];

/** The app root: config runs from dist/config, so a relative SQLite path is resolved from two levels up. */
const APP_ROOT = path.join(__dirname, '..', '..');

/**
 * knex's warnings, printed through Node's warning channel. MySQL/MariaDB commit DDL implicitly, and
 * Strapi 5.54 runs its schema sync's DDL inside a transaction, so knex warns "Transaction was implicitly
 * committed, do not mix transactions and DDL with MySQL" for every statement at every start (thousands
 * of lines per test pass); it is said once per process, with the count of repeats left unsaid.
 */
function knexWarnings(): (message: unknown) => void {
  let implicitCommitSaid = false;
  return (message) => {
    const text = String(message);
    if (text.startsWith('Transaction was implicitly committed')) {
      if (implicitCommitSaid) return;
      implicitCommitSaid = true;
    }
    process.emitWarning(`knex: ${text}`);
  };
}

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Database => {
  const client = env('DATABASE_CLIENT', 'sqlite') as ClientKind;
  if (!CLIENTS.includes(client)) {
    throw new Error(`Unsupported DATABASE_CLIENT "${client}": use one of ${CLIENTS.join(', ')}.`);
  }

  const ssl = env.bool('DATABASE_SSL', false) && {
    key: env('DATABASE_SSL_KEY', undefined),
    cert: env('DATABASE_SSL_CERT', undefined),
    ca: env('DATABASE_SSL_CA', undefined),
    capath: env('DATABASE_SSL_CAPATH', undefined),
    cipher: env('DATABASE_SSL_CIPHER', undefined),
    rejectUnauthorized: env.bool('DATABASE_SSL_REJECT_UNAUTHORIZED', true),
  };
  const pool = { min: env.int('DATABASE_POOL_MIN', 2), max: env.int('DATABASE_POOL_MAX', 10) };
  const sqliteFile = env('DATABASE_FILENAME', '.tmp/data.db');

  const connections: Record<ClientKind, Core.Config.Database['connection']> = {
    mysql: {
      client: 'mysql',
      connection: {
        host: env('DATABASE_HOST', '127.0.0.1'),
        port: env.int('DATABASE_PORT', 3306),
        database: env('DATABASE_NAME', 'strapi'),
        user: env('DATABASE_USERNAME', 'strapi'),
        password: env('DATABASE_PASSWORD', 'strapi'),
        ssl,
      },
      pool,
      log: { warn: knexWarnings() },
    },
    postgres: {
      client: 'postgres',
      connection: {
        connectionString: env('DATABASE_URL'),
        host: env('DATABASE_HOST', '127.0.0.1'),
        port: env.int('DATABASE_PORT', 5432),
        database: env('DATABASE_NAME', 'strapi'),
        user: env('DATABASE_USERNAME', 'strapi'),
        password: env('DATABASE_PASSWORD', 'strapi'),
        ssl,
        schema: env('DATABASE_SCHEMA', 'public'),
      },
      pool,
    },
    sqlite: {
      client: 'sqlite',
      connection: {
        filename: path.isAbsolute(sqliteFile) ? sqliteFile : path.join(APP_ROOT, sqliteFile),
      },
      useNullAsDefault: true,
    },
  };

  return {
    connection: {
      ...connections[client],
      acquireConnectionTimeout: env.int('DATABASE_CONNECTION_TIMEOUT', 60000),
    },
  };
};

export default config;
