import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discordMessage } from '../../fakes/fake-discord.ts';
import { type Harness, startHarness } from './harness.ts';
import { type HttpHarness, startHttpHarness } from './http-harness.ts';
import { buttonClick, ids, slashCommand } from './interactions.ts';

let counter = 0;

/** "Check this" from a message's Apps menu, as Discord dispatches it. */
function checkThis(
  content: string,
  where: 'server' | 'user-dm' = 'server',
): { id: string; token: string; payload: Record<string, unknown> } {
  counter += 1;
  const id = `71${String(counter).padStart(16, '0')}`;
  const token = `check-token-${id}`;
  const target = '810000000000000001';
  const user = { id: ids.user, username: 'analyst', discriminator: '0', avatar: null };
  const place =
    where === 'server'
      ? {
          guild_id: ids.guild,
          channel_id: ids.channel,
          channel: { id: ids.channel, type: 0, guild_id: ids.guild, name: 'ukraine-watch' },
          member: {
            user,
            roles: [],
            joined_at: '2025-01-01T00:00:00.000000+00:00',
            permissions: '68608',
            deaf: false,
            mute: false,
            flags: 0,
          },
          authorizing_integration_owners: { '0': ids.guild },
          context: 0,
        }
      : userInstalledDm(user);
  return {
    id,
    token,
    payload: {
      id,
      application_id: ids.application,
      type: 2,
      token,
      version: 1,
      locale: 'en-GB',
      app_permissions: '2248473465835073',
      entitlements: [],
      attachment_size_limit: 10485760,
      ...place,
      data: {
        id: '600000000000000009',
        name: 'Check this',
        type: 3,
        target_id: target,
        resolved: {
          messages: {
            [target]: discordMessage({
              id: target,
              channel_id: place.channel_id,
              author: {
                id: '520000000000000001',
                username: 'colleague',
                discriminator: '0',
                avatar: null,
              },
              timestamp: '2026-11-25T10:00:00.000000+00:00',
              content,
            }),
          },
        },
      },
    },
  };
}

/** Where a user-installed app is used in a group DM the bot is not in: only the user owns it. */
function userInstalledDm(user: Record<string, unknown>) {
  return {
    channel_id: '310000000000000001',
    channel: { id: '310000000000000001', type: 3, recipients: [] },
    user,
    authorizing_integration_owners: { '1': ids.user },
    context: 2,
  };
}

interface Callback {
  readonly type: number;
  readonly data: {
    readonly content?: string;
    readonly flags?: number;
    readonly embeds?: readonly unknown[];
    readonly components?: readonly {
      components: readonly { custom_id?: string; label?: string }[];
    }[];
    readonly allowed_mentions?: { parse?: readonly string[] };
  };
}

describe('Discord "Check this" message command (real discord.js, fake Discord)', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness();
  });

  afterAll(async () => {
    await harness?.close();
  });

  const answer = async (interaction: ReturnType<typeof checkThis>) =>
    (await harness.interact(interaction)).body as Callback;

  it('answers privately, claim by claim, with a Share button that fits a custom id', async () => {
    const callback = await answer(checkThis('Minsk II was signed in 2014, says the draft'));
    expect(callback.type).toBe(4);
    expect(callback.data.flags).toBe(64);
    expect(JSON.stringify(callback.data.embeds)).toContain('the record says');
    expect(callback.data.allowed_mentions).toEqual({ parse: [] });
    const share = callback.data.components?.[0]?.components.find((c) => c.label === 'Share');
    expect(share?.custom_id?.startsWith('tb:share:check:#check:')).toBe(true);
    expect(share?.custom_id?.length).toBeLessThanOrEqual(100);
  });

  it('Share posts the check for the channel, saying who shared it without pinging them', async () => {
    const callback = await answer(checkThis('Minsk II was signed in 2014'));
    const customId =
      callback.data.components?.[0]?.components.find((c) => c.label === 'Share')?.custom_id ?? '';
    const shared = (await harness.interact(buttonClick(customId, { ephemeral: true })))
      .body as Callback;
    expect(shared.type).toBe(4);
    expect(shared.data.flags ?? 0).toBe(0);
    expect(shared.data.content).toBe(`Shared by <@${ids.user}>`);
    expect(shared.data.allowed_mentions).toEqual({ parse: [] });
    expect(JSON.stringify(shared.data.embeds)).toContain('the record says');
  });

  it('/check with a long text gives a Share button that points to the whole of it', async () => {
    const text = `${'Context, nothing to check. '.repeat(10)}Minsk II was signed in 2014.`;
    const callback = (await harness.interact(slashCommand('check', text))).body as Callback;
    expect(JSON.stringify(callback.data.embeds)).toContain('the record says');
    const share = callback.data.components?.[0]?.components.find((c) => c.label === 'Share');
    expect(share?.custom_id?.startsWith('tb:share:check:#check:')).toBe(true);
  });

  it('quotes nothing back that could ping anyone or render as a live link', async () => {
    const callback = await answer(
      checkThis(
        '@everyone <@520000000000000002> Minsk II was signed in 2014 https://evil.example/x',
      ),
    );
    const json = JSON.stringify(callback.data);
    expect(json).not.toContain('@everyone');
    expect(json).not.toContain('<@520000000000000002>');
    expect(json).not.toContain('evil.example');
    expect(callback.data.allowed_mentions).toEqual({ parse: [] });
  });

  it('given a message with only an attachment, says there is no text to check', async () => {
    const callback = await answer(checkThis(''));
    expect(JSON.stringify(callback.data.embeds)).toContain('There is no text to check');
  });

  it('installed by a user, checks a message in a group DM the bot is not in', async () => {
    const callback = await answer(checkThis('Minsk II was signed in 2014', 'user-dm'));
    expect(callback.type).toBe(4);
    expect(callback.data.flags).toBe(64);
    expect(JSON.stringify(callback.data.embeds)).toContain('the record says');
  });

  it('installed by a user, /daily says it needs the bot in the server', async () => {
    const command = slashCommand('daily');
    const { guild_id: _g, member: _m, ...rest } = command.payload;
    const payload = {
      ...rest,
      ...userInstalledDm({ id: ids.user, username: 'analyst', discriminator: '0', avatar: null }),
      data: {
        id: ids.command,
        name: 'daily',
        type: 1,
        options: [{ name: 'status', type: 1, options: [] }],
      },
    };
    const deferred = await harness.interact({ ...command, payload });
    expect((deferred.body as Callback).type).toBe(5);
    const edit = await harness.discord.waitForRequest(
      (r) =>
        r.method === 'PATCH' &&
        r.path === `/webhooks/${ids.application}/${command.token}/messages/@original`,
    );
    expect(JSON.stringify(edit.body)).toContain('need the bot in this server');
  });
});

describe('Discord "Check this" over HTTP interactions (no gateway)', () => {
  let http: HttpHarness;

  beforeAll(async () => {
    http = await startHttpHarness();
  });

  afterAll(async () => {
    await http?.close();
  });

  const answer = async (interaction: ReturnType<typeof checkThis>) => {
    const result = await http.post(interaction.payload);
    expect(result.status).toBe(200);
    return result.body as Callback;
  };

  it('answers the message command privately, claim by claim, in the response body', async () => {
    const callback = await answer(checkThis('Minsk II was signed in 2014, says the draft'));
    expect(callback.type).toBe(4);
    expect(callback.data.flags).toBe(64);
    expect(JSON.stringify(callback.data.embeds)).toContain('the record says');
    expect(callback.data.allowed_mentions).toEqual({ parse: [] });
  });

  it('installed by a user, checks a message in a group DM and shares it under the user’s name', async () => {
    const callback = await answer(checkThis('Minsk II was signed in 2014', 'user-dm'));
    expect(callback.type).toBe(4);
    expect(JSON.stringify(callback.data.embeds)).toContain('the record says');
    const customId =
      callback.data.components?.[0]?.components.find((c) => c.label === 'Share')?.custom_id ?? '';
    const click = buttonClick(customId, { ephemeral: true });
    const shared = (await http.post(click.payload)).body as Callback;
    expect(shared.type).toBe(4);
    expect(shared.data.flags ?? 0).toBe(0);
    expect(shared.data.content).toBe(`Shared by <@${ids.user}>`);
    expect(shared.data.allowed_mentions).toEqual({ parse: [] });
  });
});
