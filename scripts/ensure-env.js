#!/usr/bin/env node
/**
 * Creates `.env` with fresh random secrets when it is missing, so a fresh clone starts with no manual
 * step. An existing `.env` is never overwritten; variables already set in the environment win over it.
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
    '',
  ].join('\n');
}

function ensureEnv(file = ENV_FILE) {
  if (fs.existsSync(file)) return false;
  // 'wx' fails instead of overwriting if another process created the file meanwhile
  fs.writeFileSync(file, envFileContents(), { flag: 'wx', mode: 0o600 });
  return true;
}

module.exports = { ensureEnv, envFileContents };

if (require.main === module) {
  try {
    if (ensureEnv()) process.stderr.write('Created .env with fresh random secrets.\n');
  } catch (error) {
    if (error.code !== 'EEXIST') throw error;
  }
}
