#!/bin/sh
# The image's command: runs what `npm start` runs, in place of this shell (exec), so the signals
# tini passes on (SIGTERM to stop, SIGHUP to reload the knowledge) reach Node itself; npm would
# stand in between. The build stage has already built dist/, so `prestart` has nothing to do.
set -eu
cd "$(dirname "$0")/.."
start=$(node -p 'require("./package.json").scripts.start')
PATH="$PWD/node_modules/.bin:$PATH"
export PATH
eval "exec $start"
