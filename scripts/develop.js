#!/usr/bin/env node
/**
 * `npm run develop`: builds the workspace plugins if their sources changed, then runs `strapi develop`
 * with a `strapi-plugin watch` per plugin, so editing a plugin rebuilds it and restarts the app (see
 * scripts/watch-plugins.js). Ctrl-C stops everything.
 */
'use strict';

const { spawn } = require('node:child_process');
const path = require('node:path');
const { buildPlugins } = require('./build-plugins.js');
const { watchPlugins } = require('./watch-plugins.js');

const ROOT = path.join(__dirname, '..');

buildPlugins();
const watchers = watchPlugins();
const strapiBin = path.join(path.dirname(require.resolve('@strapi/strapi/package.json', { paths: [ROOT] })), 'bin', 'strapi.js');
const strapi = spawn(process.execPath, [strapiBin, 'develop', ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: 'inherit',
});
const stopWatchers = () => watchers.forEach((child) => child.exitCode === null && child.kill('SIGTERM'));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => strapi.kill(signal));
strapi.on('exit', (code, signal) => {
  stopWatchers();
  process.exitCode = code ?? (signal ? 1 : 0);
});
