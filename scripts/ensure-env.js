#!/usr/bin/env node
/**
 * Creates `.env` with fresh random secrets when it is missing, so a fresh clone starts with no manual
 * step. An existing `.env` is never overwritten; variables already set in the environment win over it.
 * When the environment already sets every secret (a container, several instances sharing secrets),
 * nothing is written: per-machine random secrets there would only be misleading.
 */
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ENV_FILE = path.join(__dirname, '..', '.env');

const secret = () => crypto.randomBytes(24).toString('base64');

function envFileContents() {
  return [
    '# Generated on first start by scripts/ensure-env.js. Keep it secret; never commit it.',
    'HOST=0.0.0.0',
    'PORT=1337',
    `APP_KEYS=${[secret(), secret(), secret(), secret()].join(',')}`,
    `API_TOKEN_SALT=${secret()}`,
    `ADMIN_JWT_SECRET=${secret()}`,
    `TRANSFER_TOKEN_SALT=${secret()}`,
    `JWT_SECRET=${secret()}`,
    `ENCRYPTION_KEY=${secret()}`,
    '# Strapi Preview: signs the preview links the reference frontend (frontend/) checks',
    `PREVIEW_SECRET=${secret()}`,
    '',
  ].join('\n');
}

/** The secrets Strapi refuses to start without. */
const REQUIRED_SECRETS = [
  'APP_KEYS',
  'API_TOKEN_SALT',
  'ADMIN_JWT_SECRET',
  'TRANSFER_TOKEN_SALT',
  'JWT_SECRET',
  'ENCRYPTION_KEY',
];

function ensureEnv(file = ENV_FILE, env = process.env) {
  if (fs.existsSync(file)) return false;
  if (REQUIRED_SECRETS.every((name) => env[name])) return false;
  // 'wx' fails instead of overwriting if another process created the file meanwhile
  fs.writeFileSync(file, envFileContents(), { flag: 'wx', mode: 0o600 });
  return true;
}

/**
 * `npm run develop` only: gives `.env` a `PREVIEW_API_TOKEN` (a random key, made like the secrets above)
 * when neither it nor the environment has one. Strapi, in development, then makes the API token with
 * that key and only the read-drafts permissions (src/bootstrap/preview-token.ts), and scripts/develop.js
 * hands the key to `next dev`: Preview works with no manual step. Production never gets one this way:
 * there an admin makes the token and configures the frontend with it. Returns whether it wrote.
 */
function ensureDevPreviewToken(file = ENV_FILE, env = process.env) {
  if (env.PREVIEW_API_TOKEN) return false;
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  if (/^\s*PREVIEW_API_TOKEN\s*=/m.test(current)) return false;
  const lines = [
    '# Development only (npm run develop): the key of the API token Strapi makes for the',
    "# frontend's Preview, limited to reading articles by slug and drafts. Configure your own in production.",
    `PREVIEW_API_TOKEN=${crypto.randomBytes(48).toString('hex')}`,
    '',
  ];
  const separator = current === '' || current.endsWith('\n') ? '' : '\n';
  fs.appendFileSync(file, separator + lines.join('\n'), { mode: 0o600 });
  return true;
}

module.exports = { ensureEnv, envFileContents, ensureDevPreviewToken };

if (require.main === module) {
  try {
    if (ensureEnv()) process.stderr.write('Created .env with fresh random secrets.\n');
  } catch (error) {
    if (error.code !== 'EEXIST') throw error;
  }
}
