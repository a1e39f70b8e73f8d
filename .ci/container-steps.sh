#!/usr/bin/env bash
# The Dockerfile's recipe, run outside a container (base images cannot be pulled here): from the
# installed checkout (the build stage's `npm ci`), build when there is a build step, check the
# knowledge, prune to production dependencies, drop what the image drops, then start the bot as
# an unprivileged user with the image's command and settings, and run the image's HEALTHCHECK
# command against it. Ends with a graceful stop. Run by .ci/run; safe to run alone after `npm ci`.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

work=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
app="$work/app"

echo "== container: build stage (COPY . ., npm run build, knowledge:check, prune)"
mkdir -p "$app"
# What `COPY . .` takes: the checkout less .dockerignore (tar matches those names at any depth,
# a little stricter than Docker), with the modules `npm ci` installed.
tar --exclude-from=.dockerignore --exclude=./node_modules -cf - . | tar -xf - -C "$app"
cp -a node_modules "$app/node_modules"
(
  cd "$app"
  npm run build --if-present
  npm run knowledge:check
  npm prune --omit=dev --no-audit --no-fund
  rm -rf tests bench eval docs .ci
)
for dev in vitest @biomejs/biome typescript knip; do
  if [ -e "$app/node_modules/$dev" ]; then
    echo "container: devDependency $dev is still installed after pruning" >&2
    exit 1
  fi
done

echo "== container: runtime stage (unprivileged user, DATA_DIR=/data, HEALTH_PORT, tini-style signals)"
chmod 755 "$work"
data="$work/data"
mkdir -p "$data"
as_user=()
if [ "$(id -u)" -eq 0 ]; then
  chown -R root:root "$app"
  chown nobody:nogroup "$data"
  as_user=(setpriv --reuid=nobody --regid=nogroup --clear-groups --)
else
  echo "container: not root, so the bot runs as $(id -un) rather than a separate unprivileged user"
fi
health_port=$(node -e 'const s=require("node:net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
log="$work/bot.log"
# The image's ENV, and a daily webhook as the one platform (no network needed to start).
env -i PATH="$PATH" HOME="$work" NODE_ENV=production DATA_DIR="$data" KNOWLEDGE_DIR="$app/knowledge" \
  HEALTH_PORT="$health_port" HOST=127.0.0.1 LOG_LEVEL=info \
  DAILY_WEBHOOK_URLS="http://127.0.0.1:9/services/T0CI/B0CI/ci-not-a-secret 08:00 UTC" \
  "${as_user[@]}" sh "$app/scripts/container-start.sh" >"$log" 2>&1 &
pid=$!

healthy=no
for _ in $(seq 1 60); do
  if HEALTH_PORT="$health_port" HOST=127.0.0.1 node "$app/scripts/healthcheck.mjs" 2>/dev/null; then
    healthy=yes
    break
  fi
  if ! kill -0 "$pid" 2>/dev/null; then break; fi
  sleep 0.5
done
if [ "$healthy" != yes ]; then
  echo "container: the HEALTHCHECK command never passed; the bot said:" >&2
  cat "$log" >&2
  exit 1
fi
echo "container: HEALTHCHECK passed"

# The process the start script became (exec) is Node itself, as the unprivileged user.
comm=$(cat "/proc/$pid/comm")
uid=$(awk '/^Uid:/ {print $2}' "/proc/$pid/status")
if [ "$comm" != node ]; then
  echo "container: the start command left $comm in front of Node; signals would not reach it" >&2
  exit 1
fi
if [ "$(id -u)" -eq 0 ] && [ "$uid" -eq 0 ]; then
  echo "container: the bot runs as root" >&2
  exit 1
fi
ready=$(node -e "fetch('http://127.0.0.1:$health_port/readyz').then(r=>r.text()).then(console.log)")
echo "container: /readyz said $ready"

kill -HUP "$pid"
for _ in $(seq 1 40); do grep -q 'knowledge reloaded' "$log" && break; sleep 0.25; done
grep -q 'knowledge reloaded' "$log" || { echo "container: SIGHUP did not reload the knowledge" >&2; cat "$log" >&2; exit 1; }
echo "container: SIGHUP reloaded the knowledge"

kill -TERM "$pid"
status=0
wait "$pid" || status=$?
pid=
if [ "$status" -ne 0 ]; then
  echo "container: the bot exited $status on SIGTERM" >&2
  cat "$log" >&2
  exit 1
fi
if HEALTH_PORT="$health_port" HOST=127.0.0.1 node "$app/scripts/healthcheck.mjs" 2>/dev/null; then
  echo "container: the HEALTHCHECK passed with the bot stopped" >&2
  exit 1
fi
echo "container: stopped cleanly on SIGTERM; HEALTHCHECK fails once it is down"
