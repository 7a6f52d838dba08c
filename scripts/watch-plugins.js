#!/usr/bin/env node
/**
 * Rebuilds the workspace plugins (plugins/*) on every source change with `strapi-plugin watch`, and after
 * each server rebuild runs the plugin's post-build step (scripts/postbuild.js, which the watcher itself
 * never runs) and touches the plugin's package.json: `strapi develop` restarts on that change (it
 * ignores dist/ and, see config/admin.ts, the plugins' sources, so it never restarts on a stale build).
 * The admin dev server picks up the rebuilt admin bundle itself. `npm run develop` runs this alongside
 * `strapi develop`; alone: `npm run watch:plugins`.
 */
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { pluginDirs, runPostbuild } = require('./build-plugins.js');

const ROOT = path.join(__dirname, '..');

/**
 * Starts one watcher per plugin. `ready` resolves once every plugin's first server and admin builds are
 * written (a watcher's first build empties dist/, so nothing should load the plugins before that).
 */
function watchPlugins() {
  const cli = path.join(
    path.dirname(require.resolve('@strapi/sdk-plugin/package.json', { paths: [ROOT] })),
    'bin',
    'strapi-plugin.js'
  );
  const pending = [];
  const children = pluginDirs().map((dir) => {
    const name = path.basename(dir);
    const child = spawn(process.execPath, [cli, 'watch'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const built = new Set();
    let markReady;
    pending.push(new Promise((resolve) => (markReady = resolve)));
    let initial = true;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      for (const line of chunk.split('\n').filter(Boolean)) {
        process.stdout.write(`[plugins/${name}] ${line}\n`);
        const rebuilt = /(server|admin) rebuilt in/i.exec(line);
        if (!rebuilt) continue;
        built.add(rebuilt[1].toLowerCase());
        // The watcher runs no package script: the plugin's post-build step (files the bundler leaves out,
        // such as the thumbnails plugin's C2PA reader worker) runs here after every server build.
        if (rebuilt[1].toLowerCase() === 'server') {
          try {
            runPostbuild(dir);
          } catch (error) {
            process.stderr.write(
              `[plugins/${name}] ${error instanceof Error ? error.message : String(error)}\n`
            );
          }
        }
        if (initial && built.has('server') && built.has('admin')) {
          initial = false;
          markReady();
        } else if (!initial && rebuilt[1].toLowerCase() === 'server') {
          const now = new Date();
          fs.utimesSync(path.join(dir, 'package.json'), now, now);
        }
      }
    });
    child.on('exit', () => markReady());
    return child;
  });
  return { children, ready: Promise.all(pending) };
}

module.exports = { watchPlugins };

if (require.main === module) {
  const { children } = watchPlugins();
  const stop = () => children.forEach((child) => child.kill('SIGTERM'));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
