import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createSlackInstallations,
  type SlackInstallationRecord,
} from '../../../src/infra/store/installations.ts';
import type { SqlStore } from '../../../src/infra/store/sql-store.ts';
import { createSqliteStore } from '../../../src/infra/store/sqlite.ts';
import { createTokenCipher, keyIdOf } from '../../../src/infra/store/token-cipher.ts';
import { databaseUrl, openPostgresSchema } from './postgres-harness.ts';

/** A database under test: the store, and its raw `slack_installations` rows as stored. */
interface Opened {
  readonly store: SqlStore;
  rawRows(): Promise<Record<string, unknown>[]>;
  /** Changes one stored column by hand, as an attacker with database access could. */
  tamper(id: string, column: string, value: string): Promise<void>;
  cleanup(): Promise<void>;
}

const openSqlite = async (): Promise<Opened> => {
  const dir = mkdtempSync(path.join(tmpdir(), 'trucebrief-installations-'));
  const file = path.join(dir, 'store.sqlite');
  const store = createSqliteStore({ file });
  await store.migrate();
  const raw = new Database(file);
  return {
    store,
    rawRows: async () => raw.prepare('SELECT * FROM slack_installations').all() as never,
    tamper: async (id, column, value) => {
      raw.prepare(`UPDATE slack_installations SET ${column} = ? WHERE id = ?`).run(value, id);
    },
    cleanup: async () => {
      raw.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

const openPostgres = async (): Promise<Opened> => {
  const db = await openPostgresSchema();
  const store = await db.open();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(`SET search_path TO ${db.schema}`);
  return {
    store,
    rawRows: async () => (await client.query('SELECT * FROM slack_installations')).rows,
    tamper: async (id, column, value) => {
      await client.query(`UPDATE slack_installations SET ${column} = $1 WHERE id = $2`, [
        value,
        id,
      ]);
    },
    cleanup: async () => {
      await client.end();
      await store.close();
      await db.drop();
    },
  };
};

const keyA = randomBytes(32);
const keyB = randomBytes(32);

// Shaped like Slack's, made up for the test.
const botToken = 'xoxe.xoxb-1-BotTokenPlaintextTeamOne';
const botRefresh = 'xoxe-1-BotRefreshPlaintextTeamOne';
const userToken = 'xoxe.xoxp-1-UserTokenPlaintextTeamOne';

const teamOne: SlackInstallationRecord = {
  teamId: 'T0ONE',
  enterpriseId: null,
  isEnterpriseInstall: false,
  userId: 'U0INSTALLER',
  bot: { token: botToken, refreshToken: botRefresh, expiresAt: 1_900_000_000 },
  user: { token: userToken, refreshToken: null, expiresAt: null },
  details: { team: { id: 'T0ONE', name: 'Team One' }, botScopes: ['commands', 'chat:write'] },
};

describe.each([
  ['SQLite', openSqlite, false],
  ['PostgreSQL', openPostgres, !databaseUrl],
] as const)('Slack installations on %s', (_name, open, skip) => {
  let db: Opened;
  beforeEach(async () => {
    if (!skip) db = await open();
  });
  afterEach(async () => {
    if (!skip) await db.cleanup();
  });

  it.skipIf(skip)('stores an installation and finds it by its team', async () => {
    const installations = createSlackInstallations(
      db.store,
      createTokenCipher({ current: keyA, previous: [] }),
    );
    await installations.save(teamOne);
    expect(await installations.find({ teamId: 'T0ONE', isEnterpriseInstall: false })).toEqual(
      teamOne,
    );
    expect(
      await installations.find({ teamId: 'T0OTHER', isEnterpriseInstall: false }),
    ).toBeUndefined();
  });

  it.skipIf(skip)('keeps no token in the clear: the raw row holds sealed values only', async () => {
    const installations = createSlackInstallations(
      db.store,
      createTokenCipher({ current: keyA, previous: [] }),
    );
    await installations.save(teamOne);
    const rows = await db.rawRows();
    expect(rows).toHaveLength(1);
    const stored = JSON.stringify(rows);
    for (const secret of [botToken, botRefresh, userToken, 'Plaintext']) {
      expect(stored).not.toContain(secret);
    }
    const row = rows[0] ?? {};
    expect(row.key_id).toBe(keyIdOf(keyA));
    // 12-byte IV + 16-byte tag + the ciphertext, which is as long as the token.
    expect(Buffer.from(String(row.bot_token), 'base64').length).toBe(28 + botToken.length);
    // Each value its own IV: the same token saved twice is sealed differently.
    await installations.save(teamOne);
    expect((await db.rawRows())[0]?.bot_token).not.toBe(row.bot_token);
  });

  it.skipIf(skip)('refuses a sealed value moved to another row or altered', async () => {
    const installations = createSlackInstallations(
      db.store,
      createTokenCipher({ current: keyA, previous: [] }),
    );
    await installations.save(teamOne);
    await installations.save({ ...teamOne, teamId: 'T0TWO', details: {} });
    const [one] = (await db.rawRows()).filter((row) => row.id === 'team:T0ONE');
    // Team one's bot token pasted into team two's row does not open there.
    await db.tamper('team:T0TWO', 'bot_token', String(one?.bot_token));
    await expect(
      installations.find({ teamId: 'T0TWO', isEnterpriseInstall: false }),
    ).rejects.toThrow('does not open with its key');
  });

  it.skipIf(skip)(
    'rotates keys: a row sealed with the previous key opens and is sealed again with the new one',
    async () => {
      await createSlackInstallations(
        db.store,
        createTokenCipher({ current: keyA, previous: [] }),
      ).save(teamOne);
      const rotated = createSlackInstallations(
        db.store,
        createTokenCipher({ current: keyB, previous: [keyA] }),
      );
      expect(await rotated.find({ teamId: 'T0ONE', isEnterpriseInstall: false })).toEqual(teamOne);
      expect((await db.rawRows())[0]?.key_id).toBe(keyIdOf(keyB));
      expect(await rotated.sealWithCurrentKey()).toEqual({ sealed: 0, unopened: [] });
      // The old key can now retire.
      const newOnly = createSlackInstallations(
        db.store,
        createTokenCipher({ current: keyB, previous: [] }),
      );
      expect(await newOnly.find({ teamId: 'T0ONE', isEnterpriseInstall: false })).toEqual(teamOne);
      // Without the key a row was sealed with, the store says so rather than guessing.
      const wrong = createSlackInstallations(
        db.store,
        createTokenCipher({ current: keyA, previous: [] }),
      );
      await expect(wrong.find({ teamId: 'T0ONE', isEnterpriseInstall: false })).rejects.toThrow(
        `no installation key with id ${keyIdOf(keyB)}`,
      );
    },
  );

  it.skipIf(skip)(
    'seals every row again with the new key at once, so the old key can go without waiting for each workspace',
    async () => {
      const old = createSlackInstallations(
        db.store,
        createTokenCipher({ current: keyA, previous: [] }),
      );
      await old.save(teamOne);
      await old.save({ ...teamOne, teamId: 'T0TWO' });
      const rotated = createSlackInstallations(
        db.store,
        createTokenCipher({ current: keyB, previous: [keyA] }),
      );
      // A row sealed with a key no longer configured is left alone and named, not fatal.
      const lost = randomBytes(32);
      await createSlackInstallations(
        db.store,
        createTokenCipher({ current: lost, previous: [] }),
      ).save({ ...teamOne, teamId: 'T0LOST' });
      expect(await rotated.sealWithCurrentKey()).toEqual({ sealed: 2, unopened: ['team:T0LOST'] });
      const keyIds = (await db.rawRows()).map((row) => String(row.key_id)).sort();
      expect(keyIds).toEqual([keyIdOf(keyB), keyIdOf(keyB), keyIdOf(lost)].sort());
      expect(await rotated.sealWithCurrentKey()).toEqual({ sealed: 0, unopened: ['team:T0LOST'] });
      const newOnly = createSlackInstallations(
        db.store,
        createTokenCipher({ current: keyB, previous: [] }),
      );
      expect(await newOnly.find({ teamId: 'T0TWO', isEnterpriseInstall: false })).toEqual({
        ...teamOne,
        teamId: 'T0TWO',
      });
    },
  );

  it.skipIf(skip)('keeps an org-wide install under its enterprise', async () => {
    const installations = createSlackInstallations(
      db.store,
      createTokenCipher({ current: keyA, previous: [] }),
    );
    const org: SlackInstallationRecord = {
      ...teamOne,
      teamId: null,
      enterpriseId: 'E0ORG',
      isEnterpriseInstall: true,
    };
    await installations.save(org);
    expect(
      await installations.find({
        teamId: 'T0ANY',
        enterpriseId: 'E0ORG',
        isEnterpriseInstall: true,
      }),
    ).toEqual(org);
    expect(
      await installations.find({ teamId: 'T0ANY', isEnterpriseInstall: false }),
    ).toBeUndefined();
  });

  it.skipIf(skip)(
    'tokens_revoked: drops the revoked tokens, and the installation once none is left',
    async () => {
      const installations = createSlackInstallations(
        db.store,
        createTokenCipher({ current: keyA, previous: [] }),
      );
      const key = { teamId: 'T0ONE', isEnterpriseInstall: false } as const;
      await installations.save(teamOne);
      await installations.revoke(key, { bot: false, userIds: ['U0SOMEONE_ELSE'] });
      expect(await installations.find(key)).toEqual(teamOne);
      await installations.revoke(key, { bot: false, userIds: ['U0INSTALLER'] });
      expect(await installations.find(key)).toEqual({ ...teamOne, user: null });
      await installations.revoke(key, { bot: true, userIds: [] });
      expect(await installations.find(key)).toBeUndefined();
      expect(await db.rawRows()).toEqual([]);
    },
  );

  it.skipIf(skip)(
    'app_uninstalled: deletes the installation and the workspace’s daily subscriptions, no one else’s',
    async () => {
      const installations = createSlackInstallations(
        db.store,
        createTokenCipher({ current: keyA, previous: [] }),
      );
      await installations.save(teamOne);
      await installations.save({ ...teamOne, teamId: 'T0TWO' });
      const now = Date.UTC(2026, 0, 5, 6);
      const subscribe = (
        channelId: string,
        workspaceId: string,
        platform: 'slack' | 'discord' = 'slack',
      ) =>
        db.store.subscribe(
          { platform, channelId, workspaceId, time: '08:00', timeZone: 'UTC' },
          now,
        );
      await subscribe('C0ONE', 'T0ONE');
      await subscribe('C0ONE_B', 'T0ONE');
      await subscribe('C0TWO', 'T0TWO');
      // A Discord server whose id happens to match is not a Slack workspace.
      await subscribe('123456789', 'T0ONE', 'discord');

      await installations.uninstall({ teamId: 'T0ONE', isEnterpriseInstall: false });
      expect(
        await installations.find({ teamId: 'T0ONE', isEnterpriseInstall: false }),
      ).toBeUndefined();
      expect(
        await installations.find({ teamId: 'T0TWO', isEnterpriseInstall: false }),
      ).toBeDefined();
      const left = (await db.store.listSubscriptions()).map((s) => s.id);
      expect(left).toEqual(['discord:123456789', 'slack:C0TWO']);
    },
  );
});
