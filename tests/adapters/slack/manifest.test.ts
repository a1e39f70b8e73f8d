import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  createSlackManifest,
  renderSlackManifest,
  slackCommands,
} from '../../../src/adapters/slack/manifest.ts';
import { commands } from '../../../src/core/index.ts';

interface ManifestShape {
  features: { slash_commands: { command: string; url?: string; description: string }[] };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    socket_mode_enabled: boolean;
    event_subscriptions: { bot_events: string[]; request_url?: string };
    interactivity: { is_enabled: boolean; request_url?: string };
  };
}

describe('Slack app manifest', () => {
  it('declares a slash command for every registry command except help (reached as /brief help)', () => {
    const manifest = createSlackManifest() as unknown as ManifestShape;
    const names = commands.map((c) => `/${c.name}`).filter((name) => name !== '/help');
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
    ]);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_mention']);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it('is committed as manifest.yml, up to date with the registry', async () => {
    const committed = await readFile(new URL('../../../manifest.yml', import.meta.url), 'utf8');
    expect(committed).toBe(renderSlackManifest());
    expect(parse(committed)).toEqual(createSlackManifest());
  });
});
