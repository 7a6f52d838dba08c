#!/usr/bin/env node
/**
 * `npm run develop`: runs a `strapi-plugin watch` per workspace plugin and, once their first builds are
 * written, `strapi develop`; editing a plugin rebuilds it and restarts the app (see
 * scripts/watch-plugins.js). Ctrl-C stops everything.
 */
'use strict';

const { spawn } = require('node:child_process');
const path = require('node:path');
const { watchPlugins } = require('./watch-plugins.js');

const ROOT = path.join(__dirname, '..');
const strapiBin = path.join(
  path.dirname(require.resolve('@strapi/strapi/package.json', { paths: [ROOT] })),
  'bin',
  'strapi.js'
);

const { children: watchers, ready } = watchPlugins();
const stopWatchers = () =>
  watchers.forEach((child) => child.exitCode === null && child.kill('SIGTERM'));
let strapi;
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopping = true;
    if (strapi) strapi.kill(signal);
    else stopWatchers();
  });
}

ready.then(() => {
  if (stopping) return;
  strapi = spawn(process.execPath, [strapiBin, 'develop', ...process.argv.slice(2)], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  strapi.on('exit', (code, signal) => {
    stopWatchers();
    process.exitCode = code ?? (signal ? 1 : 0);
  });
});
