import { stringify } from 'yaml';
import { type CommandDefinition, type CommandNaming, commands } from '../../core/index.ts';
import { slackLimits } from './limits.ts';
import { slackOAuthRedirectPath } from './oauth-receiver.ts';

/**
 * Registry commands Slack does not get as slash commands. A bare `/help` would collide with
 * every other app's; on Slack, help is `/brief help` (the core answers any command's `help`).
 */
const notSlashCommands: ReadonlySet<string> = new Set(['help']);

/** The registry commands Slack registers as slash commands, in registry order. */
export const slackCommands: readonly CommandDefinition[] = commands.filter(
  (command: CommandDefinition) => !notSlashCommands.has(command.name) && !command.buttonOnly,
);

/** What the core needs to word help for Slack: the slash commands there, and help as `/brief help`. */
export const slackCommandNaming: CommandNaming = {
  offered: slackCommands.map((command) => command.name),
  askForHelp: '/brief help',
};

/**
 * Bot scopes: slash commands, posting replies and daily briefings, hearing mentions, and
 * `users:read` so `/daily subscribe` can tell admins and owners apart and read the person's time
 * zone. The history scopes let a repeated daily post check whether the earlier attempt already
 * reached the channel (it reads only the newest messages, and only for that). `/daily subscribe`
 * checks the bot is in the channel (`channels:read`, `groups:read`) and joins a public one it is
 * not in (`channels:join`), so the first post is not refused with `not_in_channel`. `files:write`
 * uploads a public answer's chart or map into the channel (files.uploadV2).
 */
export const slackBotScopes = [
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
] as const;

/**
 * Events the bot subscribes to: mentions are how it answers in threads; the Home tab opening; an
 * uninstall and revoked tokens keep the installation store (OAuth) true. The last two need no scope.
 * https://docs.slack.dev/reference/events/app_uninstalled
 */
const slackBotEvents = [
  'app_mention',
  'app_home_opened',
  'app_uninstalled',
  'tokens_revoked',
] as const;

/** What the manifest needs to know: the public base URL for HTTP mode, or none for Socket Mode. */
export interface SlackManifestOptions {
  /** e.g. `https://bot.example.com`; requests then go to `<url>/slack/events`. Absent: Socket Mode. */
  readonly publicUrl?: string;
  readonly appName?: string;
}

/** The callback_id of the "Check this" message shortcut; the listener answers it. */
export const checkShortcutId = 'trucebrief_check';

/** The path HTTP mode serves; the receiver and the manifest both use it. */
export const slackEventsPath = '/slack/events';

/**
 * Characters Slack accepts in the bot's display name: letters, numbers, spaces, periods, hyphens
 * and underscores; anything else (brackets, an ampersand, an emoji) makes Slack refuse the whole
 * manifest. https://docs.slack.dev/reference/app-manifest#bot_user
 */
const displayNameChar = /[\p{L}\p{N} ._-]/u;

/**
 * The bot's display name made from the app name: other characters dropped (not replaced, so
 * "Truce Brief (staging)" becomes "Truce Brief staging"), spaces collapsed, clipped to Slack's 80.
 */
function slackDisplayName(appName: string): string {
  return [...appName]
    .filter((char) => displayNameChar.test(char))
    .join('')
    .replace(/ {2,}/g, ' ')
    .trim()
    .slice(0, slackLimits.botDisplayName)
    .trim();
}

/**
 * What Slack would refuse in these options, as sentences for a person; empty when they are fine.
 * Refused rather than fixed where a guess could be wrong: a URL, or a name Slack would cut.
 */
export function checkSlackManifestOptions(options: SlackManifestOptions): string[] {
  const problems: string[] = [];
  if (options.publicUrl !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(options.publicUrl);
    } catch {
      problems.push('--url: expected a URL such as https://bot.example.com');
    }
    // Slack sends slash commands, events and interactions only to https request URLs.
    // https://docs.slack.dev/interactivity/handling-user-interaction
    if (url && url.protocol !== 'https:') {
      problems.push('--url: Slack sends requests only to https URLs; give https://…');
    }
  }
  if (options.appName !== undefined) {
    const name = options.appName.trim();
    if (name.length === 0 || name.length > slackLimits.appName) {
      problems.push(`--name: expected 1 to ${slackLimits.appName} characters`);
    } else if (slackDisplayName(name) === '') {
      problems.push(
        '--name: the bot display name needs letters or numbers (Slack allows letters, numbers, spaces, periods, hyphens and underscores)',
      );
    }
  }
  return problems;
}

/** Builds the Slack app manifest object from the command registry; throws on options Slack refuses. */
export function createSlackManifest(options: SlackManifestOptions = {}): Record<string, unknown> {
  const problems = checkSlackManifestOptions(options);
  if (problems.length > 0) throw new RangeError(problems.join('\n'));
  const name = options.appName?.trim() ?? 'trucebrief';
  const requestUrl = options.publicUrl
    ? `${options.publicUrl.replace(/\/+$/, '')}${slackEventsPath}`
    : undefined;
  const withUrl = requestUrl ? { url: requestUrl } : {};
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name,
      description: clip(
        'Briefings on the obstacles to a Russia-Ukraine truce and the agreements behind them',
        slackLimits.appDescription,
      ),
      background_color: '#1d3557',
    },
    features: {
      // The Home tab shows the obstacles, recent changes and how to ask (listeners/home.ts).
      app_home: {
        home_tab_enabled: true,
        messages_tab_enabled: false,
        messages_tab_read_only_enabled: false,
      },
      bot_user: { display_name: slackDisplayName(name), always_online: true },
      // "Check this" on any message, threads included. https://docs.slack.dev/reference/app-manifest
      shortcuts: [
        {
          name: 'Check this',
          type: 'message',
          callback_id: checkShortcutId,
          description: 'Check the claims in this message against the record',
        },
      ],
      slash_commands: slackCommands.map((command) => ({
        command: `/${command.name.slice(0, slackLimits.commandName)}`,
        ...withUrl,
        description: clip(command.description, slackLimits.commandDescription),
        ...usageHint(command),
        // Unescaped text is what the person typed; the adapter decodes either form anyway.
        should_escape: false,
      })),
    },
    oauth_config: {
      // Where OAuth installs (SLACK_CLIENT_ID) send the browser back; unused by a single workspace.
      ...(options.publicUrl
        ? {
            redirect_urls: [`${options.publicUrl.replace(/\/+$/, '')}${slackOAuthRedirectPath}`],
          }
        : {}),
      scopes: { bot: [...slackBotScopes] },
    },
    settings: {
      event_subscriptions: {
        ...(requestUrl ? { request_url: requestUrl } : {}),
        bot_events: [...slackBotEvents],
      },
      interactivity: { is_enabled: true, ...(requestUrl ? { request_url: requestUrl } : {}) },
      org_deploy_enabled: false,
      socket_mode_enabled: requestUrl === undefined,
      token_rotation_enabled: false,
    },
  };
}

/** The manifest as YAML, with a header saying it is generated. */
export function renderSlackManifest(options: SlackManifestOptions = {}): string {
  const mode = options.publicUrl ? 'HTTP mode' : 'Socket Mode';
  return `# Generated by \`npm run slack:manifest\` from src/core/commands.ts (${mode}); do not edit.\n# Create the app from it: see docs/slack.md.\n${stringify(createSlackManifest(options), { lineWidth: 0 })}`;
}

function usageHint(command: CommandDefinition): { usage_hint?: string } {
  // `/agreement [query]` → `[query]`; subcommands are typed as the first word.
  const hint = command.subcommands?.length
    ? `${command.subcommands.map((sub) => sub.name).join(' | ')} …`
    : command.usage.replace(/^\/\S+\s*/, '');
  return hint ? { usage_hint: clip(hint, slackLimits.commandUsageHint) } : {};
}

function clip(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}
