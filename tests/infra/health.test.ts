import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createHealthRoutes,
  type HealthServer,
  type ReadinessCheck,
  startHealthServer,
} from '../../src/infra/health.ts';
import { createLogger } from '../../src/infra/logging.ts';
import { createPrometheusMetrics } from '../../src/infra/metrics.ts';
import { createPostgresStore } from '../../src/infra/store/postgres.ts';
import type { SqlStore } from '../../src/infra/store/sql-store.ts';
import { createSqliteStore } from '../../src/infra/store/sqlite.ts';
import { timeStore } from '../../src/infra/store/timed.ts';
import { createCuttableProxy } from '../helpers/cuttable-proxy.ts';
import { databaseUrl } from './store/postgres-harness.ts';

const logger = createLogger('silent');
const servers: HealthServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A health server on a free loopback port whose store check asks `store()` at each request. */
async function serve(checks: ReadinessCheck[]) {
  const prometheus = createPrometheusMetrics();
  const server = await startHealthServer({
    host: '127.0.0.1',
    port: 0,
    routes: createHealthRoutes({ checks, metrics: prometheus, logger, timeoutMs: 1000 }),
  });
  servers.push(server);
  const get = async (route: string) => {
    const response = await fetch(`http://127.0.0.1:${server.port}${route}`);
    return { status: response.status, body: await response.text(), response };
  };
  return { get, prometheus };
}

const storeCheck = (store: () => SqlStore): ReadinessCheck => ({
  name: 'store',
  ready: () =>
    store()
      .ping()
      .then(() => true),
});

describe('/readyz over a real SQLite store', () => {
  it('turns 503 naming the store when the database goes away, and 200 when it returns', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'trucebrief-ready-')), 'db.sqlite');
    let store = createSqliteStore({ file });
    await store.migrate();
    const { get } = await serve([
      { name: 'knowledge', ready: () => true },
      storeCheck(() => store),
    ]);

    const ready = await get('/readyz');
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.body)).toEqual({
      status: 'ready',
      checks: { knowledge: 'ok', store: 'ok' },
    });

    await store.close();
    const gone = await get('/readyz');
    expect(gone.status).toBe(503);
    expect(JSON.parse(gone.body)).toEqual({
      status: 'not ready',
      checks: { knowledge: 'ok', store: 'not ready' },
      unready: ['store'],
    });
    expect((await get('/healthz')).status).toBe(200);

    store = createSqliteStore({ file });
    expect((await get('/readyz')).status).toBe(200);
    await store.close();
  });
});

describe.skipIf(!databaseUrl)('/readyz over a real PostgreSQL store', () => {
  it('turns 503 when the database cannot be reached, and 200 when it can again', async () => {
    const url = new URL(databaseUrl ?? '');
    const proxy = await createCuttableProxy({
      host: url.hostname,
      port: Number(url.port || 5432),
    });
    url.host = `127.0.0.1:${proxy.port()}`;
    const store = createPostgresStore({ connectionString: url.toString(), maxConnections: 2 });
    try {
      const { get } = await serve([storeCheck(() => store)]);
      expect((await get('/readyz')).status).toBe(200);

      await proxy.cut();
      const gone = await get('/readyz');
      expect(gone.status).toBe(503);
      expect(JSON.parse(gone.body)).toMatchObject({ unready: ['store'] });

      await proxy.restore();
      expect((await get('/readyz')).status).toBe(200);
    } finally {
      await store.close();
      await proxy.cut();
    }
  });
});

describe('/readyz with a check that hangs', () => {
  it('answers 503 after the timeout instead of hanging the probe', async () => {
    const { get } = await serve([{ name: 'store', ready: () => new Promise<boolean>(() => {}) }]);
    const started = Date.now();
    const result = await get('/readyz');
    expect(result.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('/metrics', () => {
  it('serves the Prometheus text format with store latency from a timed store', async () => {
    const { get, prometheus } = await serve([]);
    const store = timeStore(createSqliteStore({ file: ':memory:' }), prometheus.observeStore);
    await store.migrate();
    await store.ping();
    const result = await get('/metrics');
    expect(result.status).toBe(200);
    expect(result.response.headers.get('content-type')).toContain('text/plain');
    expect(result.body).toContain(
      'trucebrief_store_duration_seconds_count{operation="ping",outcome="ok"} 1',
    );
    expect(result.body).toContain('trucebrief_unhandled_rejections_total 0');
    await store.close();
  });

  it('copies the process guard counts at each scrape', async () => {
    const { get, prometheus } = await serve([]);
    prometheus.countProcessFailures(() => ({ unhandledRejections: 3, uncaughtExceptions: 0 }));
    expect((await get('/metrics')).body).toContain('trucebrief_unhandled_rejections_total 3');
  });

  it('refuses other methods and answers 404 for other paths', async () => {
    const { get } = await serve([]);
    expect((await get('/nope')).status).toBe(404);
    const posted = await fetch(`http://127.0.0.1:${servers[0]?.port}/healthz`, { method: 'POST' });
    expect(posted.status).toBe(405);
    expect(posted.headers.get('allow')).toBe('GET, HEAD');
  });
});
