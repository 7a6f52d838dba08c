#!/usr/bin/env node
/**
 * Rebuilds the workspace plugins (plugins/*) on every source change with `strapi-plugin watch`, and after
 * each server rebuild touches the plugin's package.json: `strapi develop` restarts on that change (it
 * ignores dist/ and, see config/admin.ts, the plugins' sources, so it never restarts on a stale build).
 * The admin dev server picks up the rebuilt admin bundle itself. `npm run develop` runs this alongside
 * `strapi develop`; alone: `npm run watch:plugins`.
 */
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { pluginDirs } = require('./build-plugins.js');

const ROOT = path.join(__dirname, '..');

/** Starts one watcher per plugin; returns the child processes. */
function watchPlugins() {
  const cli = path.join(path.dirname(require.resolve('@strapi/sdk-plugin/package.json', { paths: [ROOT] })), 'bin', 'strapi-plugin.js');
  return pluginDirs().map((dir) => {
    const name = path.basename(dir);
    const child = spawn(process.execPath, [cli, 'watch'], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      for (const line of chunk.split('\n').filter(Boolean)) {
        process.stdout.write(`[plugins/${name}] ${line}\n`);
        if (/server rebuilt in/i.test(line)) {
          const now = new Date();
          fs.utimesSync(path.join(dir, 'package.json'), now, now);
        }
      }
    });
    return child;
  });
}

module.exports = { watchPlugins };

if (require.main === module) {
  const children = watchPlugins();
  const stop = () => children.forEach((child) => child.kill('SIGTERM'));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
