import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import {
  checkSlackManifestOptions,
  createSlackManifest,
  renderSlackManifest,
  slackCommands,
} from '../../../src/adapters/slack/manifest.ts';
import { type CommandDefinition, commands } from '../../../src/core/index.ts';
import { runScript } from '../../helpers/run-script.ts';

/**
 * The rules of Slack's manifest schema for the fields we write, from
 * https://github.com/slackapi/manifest-schema (schemas/manifest.schema.1.0.0.json) and
 * https://docs.slack.dev/reference/app-manifest: lengths and patterns from the schema, the display
 * name's characters from the reference, and https request URLs because Slack calls no other.
 */
const httpsUrl = z
  .string()
  .max(3000)
  .regex(/^https:\/\//);
const slackManifestSchema = z.strictObject({
  _metadata: z.strictObject({ major_version: z.literal(1), minor_version: z.number().int() }),
  display_information: z.strictObject({
    name: z.string().min(1).max(35),
    description: z.string().min(1).max(140),
    background_color: z.string().regex(/^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/),
  }),
  features: z.strictObject({
    app_home: z
      .strictObject({
        home_tab_enabled: z.boolean(),
        messages_tab_enabled: z.boolean(),
        messages_tab_read_only_enabled: z.boolean(),
      })
      .optional(),
    bot_user: z.strictObject({
      display_name: z
        .string()
        .min(1)
        .max(80)
        .regex(/^[\p{L}\p{N} ._-]+$/u),
      always_online: z.boolean(),
    }),
    // Message shortcuts: name up to 24 characters, description up to 150, at most 10.
    shortcuts: z
      .array(
        z.strictObject({
          name: z.string().min(1).max(24),
          type: z.enum(['message', 'global']),
          callback_id: z.string().min(1).max(255),
          description: z.string().min(1).max(150),
        }),
      )
      .max(10)
      .optional(),
    slash_commands: z
      .array(
        z.strictObject({
          command: z
            .string()
            .min(2)
            .max(32)
            .regex(/^\/[a-z0-9_-]+$/),
          url: httpsUrl.optional(),
          description: z.string().min(1).max(2000),
          usage_hint: z.string().min(1).max(1000).optional(),
          should_escape: z.boolean(),
        }),
      )
      .min(1)
      .max(50),
  }),
  oauth_config: z.strictObject({
    redirect_urls: z.array(httpsUrl).max(1000).optional(),
    scopes: z.strictObject({ bot: z.array(z.string().max(50)).max(255) }),
  }),
  settings: z.strictObject({
    event_subscriptions: z.strictObject({
      request_url: httpsUrl.optional(),
      bot_events: z.array(z.string().max(50)).max(100),
    }),
    interactivity: z.strictObject({ is_enabled: z.boolean(), request_url: httpsUrl.optional() }),
    org_deploy_enabled: z.boolean(),
    socket_mode_enabled: z.boolean(),
    token_rotation_enabled: z.boolean(),
  }),
});

interface ManifestShape {
  features: { slash_commands: { command: string; url?: string; description: string }[] };
  oauth_config: { redirect_urls?: string[]; scopes: { bot: string[] } };
  settings: {
    socket_mode_enabled: boolean;
    event_subscriptions: { bot_events: string[]; request_url?: string };
    interactivity: { is_enabled: boolean; request_url?: string };
  };
}

describe('Slack app manifest', () => {
  it('declares a slash command for every registry command except help (reached as /brief help)', () => {
    const manifest = createSlackManifest() as unknown as ManifestShape;
    // /report is reached by the "Report a problem" button and its modal, not typed.
    const names = commands
      .filter((c: CommandDefinition) => !c.buttonOnly)
      .map((c) => `/${c.name}`)
      .filter((name) => name !== '/help');
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(names);
    expect(slackCommands.map((c) => c.name)).not.toContain('help');
  });

  it('enables Socket Mode without URLs, or HTTP mode with /slack/events everywhere', () => {
    const socket = createSlackManifest() as unknown as ManifestShape;
    expect(socket.settings.socket_mode_enabled).toBe(true);
    expect(socket.features.slash_commands.every((c) => c.url === undefined)).toBe(true);

    const http = createSlackManifest({
      publicUrl: 'https://bot.example.com/',
    }) as unknown as ManifestShape;
    const url = 'https://bot.example.com/slack/events';
    expect(http.settings.socket_mode_enabled).toBe(false);
    expect(http.features.slash_commands.every((c) => c.url === url)).toBe(true);
    expect(http.settings.event_subscriptions.request_url).toBe(url);
    expect(http.settings.interactivity.request_url).toBe(url);
    // OAuth installs in many workspaces come back here; Socket Mode has no public URL for it.
    expect(http.oauth_config.redirect_urls).toEqual([
      'https://bot.example.com/slack/oauth_redirect',
    ]);
    expect(socket.oauth_config.redirect_urls).toBeUndefined();
  });

  it('asks for the scopes and events the adapter uses, and no more', () => {
    const manifest = createSlackManifest() as unknown as ManifestShape;
    expect(manifest.oauth_config.scopes.bot).toEqual([
      'commands',
      'chat:write',
      'app_mentions:read',
      'users:read',
      'channels:history',
      'groups:history',
      'channels:read',
      'groups:read',
      'channels:join',
      'files:write',
    ]);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual([
      'app_mention',
      'app_home_opened',
      'app_uninstalled',
      'tokens_revoked',
    ]);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it('is committed as manifest.yml, up to date with the registry', async () => {
    const committed = await readFile(new URL('../../../manifest.yml', import.meta.url), 'utf8');
    expect(committed).toBe(renderSlackManifest());
    expect(parse(committed)).toEqual(createSlackManifest());
  });

  it("passes Slack's manifest rules in Socket Mode and in HTTP mode", () => {
    expect(() => slackManifestSchema.parse(createSlackManifest())).not.toThrow();
    expect(() =>
      slackManifestSchema.parse(createSlackManifest({ publicUrl: 'https://bot.example.com' })),
    ).not.toThrow();
  });

  it('given a name with brackets, derives a display name Slack accepts', () => {
    const manifest = createSlackManifest({ appName: 'Truce Brief (staging)' });
    expect(slackManifestSchema.parse(manifest).features.bot_user.display_name).toBe(
      'Truce Brief staging',
    );
    expect(slackManifestSchema.parse(manifest).display_information.name).toBe(
      'Truce Brief (staging)',
    );
  });

  it('refuses an http URL, a name too long for Slack, and a name with nothing to display', () => {
    expect(checkSlackManifestOptions({ publicUrl: 'http://bot.example.com' })).toEqual([
      '--url: Slack sends requests only to https URLs; give https://…',
    ]);
    expect(checkSlackManifestOptions({ publicUrl: 'bot.example.com' })).toEqual([
      '--url: expected a URL such as https://bot.example.com',
    ]);
    expect(checkSlackManifestOptions({ appName: 'x'.repeat(36) })).toEqual([
      '--name: expected 1 to 35 characters',
    ]);
    expect(checkSlackManifestOptions({ appName: '(((' })[0]).toMatch(
      /^--name: the bot display name/,
    );
    expect(() => createSlackManifest({ publicUrl: 'http://bot.example.com' })).toThrow(/https/);
  });

  it('npm run slack:manifest -- --url http://… refuses with exit 2 and writes nothing', async () => {
    const run = await runScript('scripts/slack-manifest.ts', [
      '--url',
      'http://bot.example.com',
      '--out',
      '/nonexistent-dir/never.yml',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--url: Slack sends requests only to https URLs');
    expect(run.stdout).toBe('');
  });
});
