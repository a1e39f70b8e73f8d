# syntax=docker/dockerfile:1
# trucebrief: a multi-stage build. The build stage installs every dependency, builds (when the
# project has a build step) and checks the knowledge; the runtime stage gets only production
# dependencies, runs as the unprivileged `node` user under tini, and reports health.
# See docs/deploy.md. CI runs these same steps outside a container: .ci/container-steps.sh.

ARG NODE_VERSION=20.19

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary matches the platform.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build --if-present \
 && npm run knowledge:check \
 && npm prune --omit=dev --no-audit --no-fund \
 && rm -rf tests bench eval docs .ci \
 && npm cache clean --force

FROM node:${NODE_VERSION}-bookworm-slim
# tini as PID 1: passes signals on (SIGTERM stops gracefully, SIGHUP reloads the knowledge) and
# reaps zombies, as `docker run --init` would, without depending on how the image is run.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir /data \
 && chown node:node /data
ENV NODE_ENV=production \
    DATA_DIR=/data \
    KNOWLEDGE_DIR=/app/knowledge \
    HEALTH_PORT=8080
WORKDIR /app
# Owned by root and read-only to the bot: only /data is its to write.
COPY --from=build /app /app
USER node
VOLUME ["/data"]
# 3000: Slack HTTP mode (PORT); 8080: /healthz, /readyz, /metrics (HEALTH_PORT).
EXPOSE 3000 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "scripts/healthcheck.mjs"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["sh", "scripts/container-start.sh"]
