#!/bin/sh
# After `npm prune --omit=dev`: keeps what `npm start` needs to run. While `npm start` runs the
# TypeScript sources through tsx (a devDependency), tsx is installed again at its pinned version;
# once `npm start` runs built JavaScript, this does nothing. Used by the Dockerfile and CI alike.
set -eu
cd "$(dirname "$0")/.."
start=$(node -p 'require("./package.json").scripts.start')
case "$start" in
  "tsx "*)
    version=$(node -p 'require("./package.json").devDependencies.tsx')
    echo "container-runtime-deps: npm start runs through tsx; keeping tsx@$version"
    # Beside the app, then merged in: installing it into the app would bring back every devDependency.
    side=$(mktemp -d)
    npm install --prefix "$side" --no-save --no-package-lock --no-audit --no-fund "tsx@$version"
    cp -Rn "$side/node_modules/." node_modules/
    rm -rf "$side"
    ;;
esac
