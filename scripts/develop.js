#!/usr/bin/env node
/**
 * `npm run develop`: runs a `strapi-plugin watch` per workspace plugin and, once their first builds are
 * written, `strapi develop`, and the reference frontend (`next dev` in frontend/, on FRONTEND_PORT,
 * default 3000) reading it; editing a plugin rebuilds it and restarts the app (see
 * scripts/watch-plugins.js). `FRONTEND_DEV=false` leaves the frontend out. Ctrl-C stops everything.
 */
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const dotenv = require('dotenv');
const { watchPlugins } = require('./watch-plugins.js');

const { ensureDevPreviewToken } = require('./ensure-env.js');

const ROOT = path.join(__dirname, '..');
// Preview with no manual step: a key for the frontend's read-drafts token, which Strapi makes at start
if (ensureDevPreviewToken(path.join(ROOT, '.env')))
  process.stderr.write('Added PREVIEW_API_TOKEN (development Preview) to .env.\n');
const strapiBin = path.join(
  path.dirname(require.resolve('@strapi/strapi/package.json', { paths: [ROOT] })),
  'bin',
  'strapi.js'
);

/** Settings from the environment, else from `.env` (Strapi reads it itself; the frontend does not). */
function settings() {
  const file = path.join(ROOT, '.env');
  const fromFile = fs.existsSync(file) ? dotenv.parse(fs.readFileSync(file)) : {};
  return (name) => process.env[name] ?? fromFile[name];
}

const setting = settings();
const withFrontend = setting('FRONTEND_DEV') !== 'false';
const frontendPort = setting('FRONTEND_PORT') ?? '3000';
const strapiPort = setting('PORT') ?? '1337';
// Strapi's links (share redirect, comment emails, Preview) lead to the development frontend unless
// FRONTEND_URL says otherwise.
const frontendUrl = setting('FRONTEND_URL') ?? `http://localhost:${frontendPort}`;

/** `next dev` for frontend/, reading the API of this Strapi. */
function startFrontend() {
  const nextBin = require.resolve('next/dist/bin/next', { paths: [path.join(ROOT, 'frontend')] });
  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: '1',
    STRAPI_URL: setting('STRAPI_URL') ?? `http://localhost:${strapiPort}`,
    FRONTEND_URL: frontendUrl,
  };
  for (const name of ['PUBLIC_STRAPI_URL', 'PREVIEW_SECRET', 'PREVIEW_API_TOKEN', 'LOCALES']) {
    if (setting(name) !== undefined) env[name] = setting(name);
  }
  return spawn(process.execPath, [nextBin, 'dev', '--port', frontendPort], {
    cwd: path.join(ROOT, 'frontend'),
    stdio: 'inherit',
    env,
  });
}

const { children: watchers, ready } = watchPlugins();
const stopWatchers = () =>
  watchers.forEach((child) => child.exitCode === null && child.kill('SIGTERM'));
let strapi;
let frontend;
let stopping = false;
const stopFrontend = (signal = 'SIGTERM') => {
  if (frontend && frontend.exitCode === null) frontend.kill(signal);
};
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopping = true;
    stopFrontend(signal);
    if (strapi) strapi.kill(signal);
    else stopWatchers();
  });
}

ready.then(() => {
  if (stopping) return;
  strapi = spawn(process.execPath, [strapiBin, 'develop', ...process.argv.slice(2)], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, FRONTEND_URL: frontendUrl },
  });
  if (withFrontend) {
    frontend = startFrontend();
    process.stdout.write(`The reference frontend: ${frontendUrl} (next dev)\n`);
  }
  strapi.on('exit', (code, signal) => {
    stopWatchers();
    stopFrontend();
    process.exitCode = code ?? (signal ? 1 : 0);
  });
});
