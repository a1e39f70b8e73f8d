#!/bin/sh
# The image's command: runs what `npm start` runs, in place of this shell (exec), so the signals
# tini passes on (SIGTERM to stop, SIGHUP to reload the knowledge) reach Node itself. npm would
# stand in between, and tsx's launcher passes on SIGINT and SIGTERM but not SIGHUP, so a start
# command through tsx runs as `node --import tsx` instead.
set -eu
cd "$(dirname "$0")/.."
start=$(node -p 'require("./package.json").scripts.start')
PATH="$PWD/node_modules/.bin:$PATH"
export PATH
case "$start" in
  "tsx "*) eval "exec node --import tsx ${start#tsx }" ;;
  *) eval "exec $start" ;;
esac
