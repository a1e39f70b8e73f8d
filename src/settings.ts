/**
 * Settings: the environment parsed once, at the entry points, into typed config. Platform formats
 * (Slack token prefixes and user ids, Discord snowflakes) are checked here, at the edge, so the
 * core never sees a raw variable.
 */
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { z } from 'zod';
import type { DiscordConfig, DiscordInteractionsConfig } from './adapters/discord/config.ts';
import type { SlackConfig, SlackOAuthConfig } from './adapters/slack/config.ts';
import {
  canonicalTimeZone,
  type DailyWebhookConfig,
  type LogLevel,
  parseTimeOfDay,
  TrucebriefError,
} from './core/index.ts';
import type { InstallationKeys } from './infra/store/token-cipher.ts';

/** Everything the bot reads from the environment, parsed once at the entry point. */
export interface AppConfig {
  readonly knowledgeDir: string;
  readonly dataDir: string;
  readonly databaseUrl?: string;
  readonly logLevel: LogLevel;
  /** LOG_FORMAT: JSON lines, or readable lines for a terminal; absent: readable only on a terminal. */
  readonly logFormat?: 'json' | 'pretty';
  readonly port: number;
  /** Interface the HTTP listeners bind to (HOST); default 0.0.0.0, every IPv4 interface. */
  readonly host: string;
  /** Port of the health server (HEALTH_PORT) for /healthz, /readyz, /metrics; off when unset. */
  readonly healthPort?: number;
  /**
   * PUBLIC_BASE_URL: where people's clients reach the bot's HTTP port from outside (https, no
   * query), so Slack image blocks can point at the pictures it serves at /pictures/…; unset: none.
   */
  readonly publicBaseUrl?: string;
  readonly slack?: SlackConfig;
  /** The keys Slack installations are sealed with; present when Slack OAuth is configured. */
  readonly slackInstallationKeys?: InstallationKeys;
  /** The bot (DISCORD_TOKEN): the gateway, unless interactions come over HTTP; registration, daily posts. */
  readonly discord?: DiscordConfig;
  /** DISCORD_PUBLIC_KEY: interactions over HTTP at /discord/interactions instead of the gateway. */
  readonly discordInteractions?: DiscordInteractionsConfig;
  /** Incoming webhooks to post the daily briefing to; empty when DAILY_WEBHOOK_URLS is unset. */
  readonly dailyWebhooks: readonly DailyWebhookConfig[];
  /** Reports, unanswered questions, feeds and the editors' digest. */
  readonly living: LivingConfig;
}

/** Settings of the living knowledge base (docs/editors.md). */
export interface LivingConfig {
  /** FEEDS_FILE, default ./feeds.yaml; a missing file means no feeds. */
  readonly feedsFile: string;
  /** FEEDS_POLL_MINUTES (default 30), in ms. */
  readonly feedsPollMs: number;
  /** DAILY_HEADLINES: up to five feed headlines in the daily post, labelled as not reviewed. */
  readonly dailyHeadlines: boolean;
  /** REPORT_HASH_KEY, or one derived from the platform secrets: what reporters' ids are hashed with. */
  readonly reportHashKey: string;
  /** UNANSWERED_RETENTION_DAYS (default 90) and UNANSWERED_MAX_QUESTIONS (default 5000). */
  readonly unansweredRetention: { readonly maxAgeMs: number; readonly maxQuestions: number };
  /**
   * SLACK_EDITORS_CHANNEL and DISCORD_EDITORS_CHANNEL: where the weekly digest goes; with Slack
   * OAuth, SLACK_EDITORS_WORKSPACE names the workspace whose token posts to the Slack one.
   */
  readonly editorsChannels: {
    readonly slack?: string;
    readonly slackWorkspace?: string;
    readonly discord?: string;
  };
  /** KNOWLEDGE_WATCH: reload the knowledge when its files change. */
  readonly knowledgeWatch: boolean;
}

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const portNumber = optionalText.pipe(
  z
    .string()
    .regex(/^\d+$/, { error: 'expected a port number' })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(1, { error: 'expected a port from 1 to 65535' })
        .max(65535, { error: 'expected a port from 1 to 65535' }),
    )
    .optional(),
);

/** A whole number setting within bounds, named in its unit for the message. */
function wholeNumber(min: number, max: number, unit: string) {
  return optionalText.pipe(
    z
      .string()
      .regex(/^\d+$/, { error: `expected a whole number of ${unit}` })
      .transform(Number)
      .pipe(
        z
          .number()
          .min(min, { error: `expected ${min} to ${max} ${unit}` })
          .max(max, { error: `expected ${min} to ${max} ${unit}` }),
      )
      .optional(),
  );
}

/** An on/off setting: true, 1, yes, on; false, 0, no, off; unset is off. */
const flag = optionalText.pipe(
  z
    .string()
    .transform((value) => value.toLowerCase())
    .pipe(
      z.enum(['true', '1', 'yes', 'on', 'false', '0', 'no', 'off'], {
        error: 'expected true or false',
      }),
    )
    .transform((value) => ['true', '1', 'yes', 'on'].includes(value))
    .optional(),
);

/**
 * A 32-byte key written as 64 hex digits or base64 (`openssl rand -base64 32`). The message
 * describes the shape and never quotes the value.
 */
function decodeKey(value: string): Buffer | undefined {
  if (/^[0-9a-f]{64}$/i.test(value)) return Buffer.from(value, 'hex');
  if (!/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(value)) return undefined;
  const bytes = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return bytes.length === 32 ? bytes : undefined;
}

const keyShape = 'expected 32 bytes as 64 hex digits or base64 (openssl rand -base64 32)';

const installationKey = optionalText.pipe(
  z
    .string()
    .refine((value) => decodeKey(value) !== undefined, { error: keyShape })
    .transform((value) => decodeKey(value) as Buffer)
    .optional(),
);

/** Previous keys, separated by commas or spaces; a bad one is named by its position only. */
const installationKeyList = optionalText.pipe(
  z
    .string()
    .transform((value, context) =>
      value
        .split(/[\s,]+/)
        .filter(Boolean)
        .flatMap((word, index) => {
          const key = decodeKey(word);
          if (key) return [key];
          context.addIssue({ code: 'custom', message: `entry ${index + 1}: ${keyShape}` });
          return [];
        }),
    )
    .optional(),
);

const envSchema = z.object({
  KNOWLEDGE_DIR: optionalText,
  DATA_DIR: optionalText,
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, { error: 'expected a postgres:// or postgresql:// URL' })
      .optional(),
  ),
  LOG_LEVEL: optionalText.pipe(z.enum(['debug', 'info', 'warn', 'error', 'silent']).optional()),
  LOG_FORMAT: optionalText.pipe(z.enum(['json', 'pretty']).optional()),
  PORT: portNumber,
  HEALTH_PORT: portNumber,
  // Slack fetches image blocks' URLs itself and redirects browsers only to https: https, or plain
  // http for this machine to try the install out; no query or fragment, since paths are appended.
  PUBLIC_BASE_URL: optionalText.pipe(
    z
      .url({ error: 'expected an https:// URL, such as https://bot.example.org' })
      .refine(
        (value) => {
          // Zod runs this even when the value is no URL at all; that one is named already.
          if (!URL.canParse(value)) return true;
          const url = new URL(value);
          return (
            url.protocol === 'https:' ||
            (url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname))
          );
        },
        { error: 'expected an https:// URL (http only for localhost)' },
      )
      .refine((value) => !/[?#]/.test(value), { error: 'expected a URL without ? or #' })
      .optional(),
  ),
  // An address, not a name: binding to a name depends on what it resolves to at start-up.
  HOST: optionalText.pipe(
    z
      .string()
      .refine((value) => isIP(value) !== 0, {
        error: 'expected an IP address to listen on, such as 0.0.0.0 (all), 127.0.0.1 or ::',
      })
      .optional(),
  ),
  SLACK_BOT_TOKEN: optionalText.pipe(
    z
      .string()
      .startsWith('xoxb-', { error: 'expected a bot token starting with xoxb-' })
      .optional(),
  ),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.pipe(
    z
      .string()
      .startsWith('xapp-', { error: 'expected an app-level token starting with xapp-' })
      .optional(),
  ),
  SLACK_API_URL: optionalText.pipe(z.url({ error: 'expected a URL' }).optional()),
  SLACK_DAILY_MANAGERS: optionalText,
  // Slack shows client ids as two numbers joined by a dot. https://docs.slack.dev/authentication/installing-with-oauth
  SLACK_CLIENT_ID: optionalText.pipe(
    z
      .string()
      .regex(/^\d+\.\d+$/, { error: 'expected a client id such as 1234567890.1234567890' })
      .optional(),
  ),
  SLACK_CLIENT_SECRET: optionalText,
  // It signs every install's state; a short one could be guessed. Its value is never printed.
  SLACK_STATE_SECRET: optionalText.pipe(
    z.string().min(16, { error: 'expected at least 16 characters' }).optional(),
  ),
  SLACK_INSTALLATION_KEY: installationKey,
  SLACK_INSTALLATION_PREVIOUS_KEYS: installationKeyList,
  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: optionalText.pipe(
    z
      .string()
      .regex(/^\d{5,25}$/, { error: 'expected a numeric application id' })
      .optional(),
  ),
  DISCORD_GUILD_ID: optionalText.pipe(
    z
      .string()
      .regex(/^\d{5,25}$/, { error: 'expected a numeric server (guild) id' })
      .optional(),
  ),
  DISCORD_API_URL: optionalText.pipe(z.url({ error: 'expected a URL' }).optional()),
  DISCORD_PUBLIC_KEY: optionalText.pipe(
    z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, {
        error: "expected the application's public key: 64 hexadecimal characters",
      })
      .optional(),
  ),
  DAILY_WEBHOOK_URLS: optionalText,
  FEEDS_FILE: optionalText,
  FEEDS_POLL_MINUTES: wholeNumber(5, 1440, 'minutes'),
  DAILY_HEADLINES: flag,
  // Long enough that guessing it is hopeless; its value is never printed.
  REPORT_HASH_KEY: optionalText.pipe(
    z.string().min(16, { error: 'expected at least 16 characters' }).optional(),
  ),
  UNANSWERED_RETENTION_DAYS: wholeNumber(1, 3650, 'days'),
  UNANSWERED_MAX_QUESTIONS: wholeNumber(10, 1_000_000, 'questions'),
  SLACK_EDITORS_CHANNEL: optionalText.pipe(
    z
      .string()
      .regex(/^[CGD][A-Z0-9]{2,}$/, { error: 'expected a Slack channel id such as C012AB3CD' })
      .optional(),
  ),
  SLACK_EDITORS_WORKSPACE: optionalText.pipe(
    z
      .string()
      .regex(/^T[A-Z0-9]{2,}$/, { error: 'expected a Slack workspace (team) id such as T012AB3CD' })
      .optional(),
  ),
  DISCORD_EDITORS_CHANNEL: optionalText.pipe(
    z
      .string()
      .regex(/^\d{5,25}$/, { error: 'expected a numeric Discord channel id' })
      .optional(),
  ),
  KNOWLEDGE_WATCH: flag,
});

/** A setting that is missing or malformed; the message names the variable and never its value. */
export class ConfigError extends TrucebriefError {
  readonly problems: readonly string[];

  constructor(problems: readonly string[], options?: { cause?: unknown }) {
    super(
      'CONFIG_INVALID',
      `Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`,
      options,
    );
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Parses the environment into a typed config; throws ConfigError naming every bad variable. */
export function parseConfig(env: Readonly<Record<string, string | undefined>>): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    // Messages come from our schema, never from the value, so secrets cannot leak into them.
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.')}: ${issue.message}`,
    );
    throw new ConfigError(problems, { cause: parsed.error });
  }
  const vars = parsed.data;
  const problems: string[] = [];
  const port = vars.PORT ?? 3000;

  let slack: SlackConfig | undefined;
  let slackInstallationKeys: InstallationKeys | undefined;
  const oauth = vars.SLACK_CLIENT_ID ? parseSlackOAuth(vars, problems) : undefined;
  if (oauth) {
    slackInstallationKeys = oauth.keys;
    if (vars.SLACK_SIGNING_SECRET) {
      slack = {
        oauth: oauth.config,
        signingSecret: vars.SLACK_SIGNING_SECRET,
        port,
        dailyManagers: vars.SLACK_DAILY_MANAGERS
          ? parseSlackUserIds(vars.SLACK_DAILY_MANAGERS, problems)
          : [],
        ...(vars.SLACK_API_URL ? { apiUrl: withTrailingSlash(vars.SLACK_API_URL) } : {}),
      };
    }
  }
  const slackAsked = vars.SLACK_BOT_TOKEN ?? vars.SLACK_APP_TOKEN ?? vars.SLACK_SIGNING_SECRET;
  if (!vars.SLACK_CLIENT_ID && slackAsked !== undefined) {
    if (!vars.SLACK_BOT_TOKEN) {
      problems.push(
        'SLACK_BOT_TOKEN: required when Slack is configured (or SLACK_CLIENT_ID, to install in many workspaces)',
      );
    }
    if (!vars.SLACK_APP_TOKEN && !vars.SLACK_SIGNING_SECRET) {
      problems.push(
        'SLACK_APP_TOKEN or SLACK_SIGNING_SECRET: set SLACK_APP_TOKEN for Socket Mode, or SLACK_SIGNING_SECRET (and PORT) for HTTP mode',
      );
    }
    if (vars.SLACK_BOT_TOKEN) {
      slack = {
        botToken: vars.SLACK_BOT_TOKEN,
        port,
        dailyManagers: vars.SLACK_DAILY_MANAGERS
          ? parseSlackUserIds(vars.SLACK_DAILY_MANAGERS, problems)
          : [],
        ...(vars.SLACK_SIGNING_SECRET ? { signingSecret: vars.SLACK_SIGNING_SECRET } : {}),
        ...(vars.SLACK_APP_TOKEN ? { appToken: vars.SLACK_APP_TOKEN } : {}),
        ...(vars.SLACK_API_URL ? { apiUrl: withTrailingSlash(vars.SLACK_API_URL) } : {}),
      };
    }
  }

  let discord: DiscordConfig | undefined;
  let discordInteractions: DiscordInteractionsConfig | undefined;
  const apiUrl = vars.DISCORD_API_URL?.replace(/\/+$/, '');
  if (vars.DISCORD_PUBLIC_KEY !== undefined) {
    // HTTP interactions: replies need no bot token, only the key that signs Discord's requests.
    if (!vars.DISCORD_APPLICATION_ID) {
      problems.push('DISCORD_APPLICATION_ID: required when DISCORD_PUBLIC_KEY is set');
    } else {
      discordInteractions = {
        applicationId: vars.DISCORD_APPLICATION_ID,
        publicKey: vars.DISCORD_PUBLIC_KEY.toLowerCase(),
        ...(vars.DISCORD_TOKEN ? { token: vars.DISCORD_TOKEN } : {}),
        ...(apiUrl ? { apiUrl } : {}),
      };
    }
  }
  if (vars.DISCORD_TOKEN !== undefined || vars.DISCORD_APPLICATION_ID !== undefined) {
    if (!vars.DISCORD_TOKEN && !discordInteractions) {
      problems.push('DISCORD_TOKEN: required when Discord is configured');
    }
    if (!vars.DISCORD_APPLICATION_ID)
      problems.push('DISCORD_APPLICATION_ID: required when Discord is configured');
    if (vars.DISCORD_TOKEN && vars.DISCORD_APPLICATION_ID) {
      discord = {
        token: vars.DISCORD_TOKEN,
        applicationId: vars.DISCORD_APPLICATION_ID,
        ...(vars.DISCORD_GUILD_ID ? { guildId: vars.DISCORD_GUILD_ID } : {}),
        ...(apiUrl ? { apiUrl } : {}),
      };
    }
  }
  const dailyWebhooks = vars.DAILY_WEBHOOK_URLS
    ? parseDailyWebhooks(vars.DAILY_WEBHOOK_URLS, problems)
    : [];
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    knowledgeDir: vars.KNOWLEDGE_DIR ?? './knowledge',
    dataDir: vars.DATA_DIR ?? './data',
    logLevel: vars.LOG_LEVEL ?? 'info',
    ...(vars.LOG_FORMAT ? { logFormat: vars.LOG_FORMAT } : {}),
    port,
    host: vars.HOST ?? '0.0.0.0',
    ...(vars.HEALTH_PORT ? { healthPort: vars.HEALTH_PORT } : {}),
    ...(vars.PUBLIC_BASE_URL ? { publicBaseUrl: vars.PUBLIC_BASE_URL } : {}),
    ...(vars.DATABASE_URL ? { databaseUrl: vars.DATABASE_URL } : {}),
    ...(slack ? { slack } : {}),
    ...(slackInstallationKeys ? { slackInstallationKeys } : {}),
    ...(discord ? { discord } : {}),
    ...(discordInteractions ? { discordInteractions } : {}),
    dailyWebhooks,
    living: {
      feedsFile: vars.FEEDS_FILE ?? './feeds.yaml',
      feedsPollMs: (vars.FEEDS_POLL_MINUTES ?? 30) * 60_000,
      dailyHeadlines: vars.DAILY_HEADLINES ?? false,
      reportHashKey: vars.REPORT_HASH_KEY ?? derivedReportKey(vars),
      unansweredRetention: {
        maxAgeMs: (vars.UNANSWERED_RETENTION_DAYS ?? 90) * 86_400_000,
        maxQuestions: vars.UNANSWERED_MAX_QUESTIONS ?? 5000,
      },
      editorsChannels: {
        ...(vars.SLACK_EDITORS_CHANNEL ? { slack: vars.SLACK_EDITORS_CHANNEL } : {}),
        ...(vars.SLACK_EDITORS_WORKSPACE ? { slackWorkspace: vars.SLACK_EDITORS_WORKSPACE } : {}),
        ...(vars.DISCORD_EDITORS_CHANNEL ? { discord: vars.DISCORD_EDITORS_CHANNEL } : {}),
      },
      knowledgeWatch: vars.KNOWLEDGE_WATCH ?? false,
    },
  };
}

/**
 * Settings whose values are secrets. Read by name, whether or not the bot uses them (a client or
 * state secret set for another tool is still one), so the logger can take them out of every line.
 */
const secretSettings = [
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'SLACK_CLIENT_SECRET',
  'SLACK_STATE_SECRET',
  'SLACK_INSTALLATION_KEY',
  'SLACK_INSTALLATION_PREVIOUS_KEYS',
  'DISCORD_TOKEN',
  'DISCORD_PUBLIC_KEY',
  'DAILY_WEBHOOK_URLS',
  'REPORT_HASH_KEY',
] as const;

/**
 * Every secret value in the environment, for the logger to redact: the secret settings, each
 * webhook URL in DAILY_WEBHOOK_URLS whole and by its path (the token is in the path), and the
 * password in DATABASE_URL as written and decoded.
 */
export function secretValues(env: Readonly<Record<string, string | undefined>>): string[] {
  const values: string[] = [];
  for (const name of secretSettings) {
    const value = env[name]?.trim();
    if (value) values.push(value);
  }
  // Each previous key alone as well: a library may quote one of them.
  for (const word of (env.SLACK_INSTALLATION_PREVIOUS_KEYS ?? '').split(/[\s,]+/)) {
    if (word) values.push(word);
  }
  for (const word of (env.DAILY_WEBHOOK_URLS ?? '').split(/[\s,]+/)) {
    const raw = word.replace(/^(slack|discord):/i, '');
    if (!raw.includes('://')) continue;
    values.push(raw);
    try {
      const url = new URL(raw);
      values.push(url.toString(), `${url.pathname}${url.search}`);
    } catch {
      // Not a URL after all: the raw word is redacted as it is.
    }
  }
  try {
    const password = env.DATABASE_URL ? new URL(env.DATABASE_URL.trim()).password : '';
    if (password) values.push(password, decodeURIComponent(password));
  } catch {
    // A DATABASE_URL that is no URL is refused by name, never printed.
  }
  return values;
}

/** The settings parsed by the schema, as parseConfig reads them. */
type ParsedEnv = z.infer<typeof envSchema>;

/** Where the OAuth redirect lands, beside /slack/events; Bolt's default path. */
const oauthRedirectPath = '/slack/oauth_redirect';

/**
 * Slack OAuth, asked for by SLACK_CLIENT_ID: installs in many workspaces, each with its own token
 * from the installation store. HTTP mode only (Bolt serves /slack/install and the redirect on
 * its HTTP receiver); a single-workspace bot token alongside would be ambiguous, so it is refused.
 */
function parseSlackOAuth(
  vars: ParsedEnv,
  problems: string[],
): { config: SlackOAuthConfig; keys: InstallationKeys } | undefined {
  const required = (name: string, value: unknown) => {
    if (value === undefined)
      problems.push(`${name}: required when SLACK_CLIENT_ID is set (Slack OAuth)`);
  };
  if (vars.SLACK_BOT_TOKEN) {
    problems.push(
      'SLACK_BOT_TOKEN: not with SLACK_CLIENT_ID; set SLACK_BOT_TOKEN for one workspace or SLACK_CLIENT_ID (OAuth) for many',
    );
  }
  if (vars.SLACK_APP_TOKEN) {
    problems.push(
      'SLACK_APP_TOKEN: not with SLACK_CLIENT_ID; Slack OAuth runs in HTTP mode (SLACK_SIGNING_SECRET and PORT)',
    );
  }
  required('SLACK_SIGNING_SECRET', vars.SLACK_SIGNING_SECRET);
  required('SLACK_CLIENT_SECRET', vars.SLACK_CLIENT_SECRET);
  required('SLACK_STATE_SECRET', vars.SLACK_STATE_SECRET);
  required('SLACK_INSTALLATION_KEY', vars.SLACK_INSTALLATION_KEY);
  // Each workspace posts with its own token, so the digest's channel needs its workspace named.
  if (vars.SLACK_EDITORS_CHANNEL && !vars.SLACK_EDITORS_WORKSPACE) {
    problems.push(
      'SLACK_EDITORS_WORKSPACE: required with SLACK_EDITORS_CHANNEL when SLACK_CLIENT_ID is set: the team id (T…) of the workspace the channel is in',
    );
  }
  if (
    !vars.SLACK_CLIENT_ID ||
    !vars.SLACK_CLIENT_SECRET ||
    !vars.SLACK_STATE_SECRET ||
    !vars.SLACK_INSTALLATION_KEY
  ) {
    return undefined;
  }
  return {
    config: {
      clientId: vars.SLACK_CLIENT_ID,
      clientSecret: vars.SLACK_CLIENT_SECRET,
      stateSecret: vars.SLACK_STATE_SECRET,
      ...(vars.PUBLIC_BASE_URL
        ? { redirectUri: `${vars.PUBLIC_BASE_URL.replace(/\/+$/, '')}${oauthRedirectPath}` }
        : {}),
    },
    keys: {
      current: vars.SLACK_INSTALLATION_KEY,
      previous: vars.SLACK_INSTALLATION_PREVIOUS_KEYS ?? [],
    },
  };
}

/**
 * Without REPORT_HASH_KEY, the key is derived from the platform secrets this deployment already
 * keeps (one-way, so the hash reveals none of them); rotating them changes it, which only means
 * later reports from one person no longer match earlier ones. The console alone has no secret.
 */
function derivedReportKey(vars: Readonly<Record<string, unknown>>): string {
  const secrets = ['SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'SLACK_BOT_TOKEN', 'DISCORD_TOKEN']
    .map((name) => vars[name])
    .filter((value): value is string => typeof value === 'string');
  return createHash('sha256')
    .update(['trucebrief report key', ...secrets].join('\u0000'))
    .digest('hex');
}

/**
 * DAILY_WEBHOOK_URLS: entries separated by commas or new lines, each `URL [HH:MM] [Zone]`
 * (defaults 08:00 and UTC). The kind comes from the URL's path (Slack `/services/…`, Discord
 * `/api/webhooks/…`) or a `slack:`/`discord:` prefix. Problems name the entry, never the URL.
 */
function parseDailyWebhooks(value: string, problems: string[]): DailyWebhookConfig[] {
  const webhooks: DailyWebhookConfig[] = [];
  value
    .split(/[,\n]/)
    .map((entry) => entry.trim())
    .filter(Boolean)
    .forEach((entry, index) => {
      const where = `DAILY_WEBHOOK_URLS entry ${index + 1}`;
      const [first = '', ...rest] = entry.split(/\s+/);
      const prefixed = /^(slack|discord):(https?:.*)$/i.exec(first);
      const raw = prefixed?.[2] ?? first;
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        problems.push(`${where}: expected a webhook URL first`);
        return;
      }
      if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        problems.push(`${where}: expected an https URL`);
        return;
      }
      const prefix = prefixed?.[1]?.toLowerCase();
      const kind =
        prefix === 'slack' || prefix === 'discord'
          ? prefix
          : /\/api\/webhooks\//.test(url.pathname)
            ? 'discord'
            : /\/services\//.test(url.pathname)
              ? 'slack'
              : undefined;
      if (!kind) {
        problems.push(
          `${where}: cannot tell Slack from Discord; prefix the URL with slack: or discord:`,
        );
        return;
      }
      let time: string | undefined;
      let timeZone: string | undefined;
      for (const [wordIndex, word] of rest.entries()) {
        const asTime = time === undefined ? parseTimeOfDay(word) : undefined;
        if (asTime) time = asTime;
        else if (timeZone === undefined && canonicalTimeZone(word))
          timeZone = canonicalTimeZone(word);
        else {
          // Never quote the word: a second URL pasted after a space is a secret like the first.
          problems.push(`${where}: ${describeStrayWord(word, wordIndex + 2)}`);
          return;
        }
      }
      webhooks.push({
        kind,
        url: url.toString(),
        time: time ?? '08:00',
        timeZone: timeZone ?? 'UTC',
      });
    });
  return webhooks;
}

/** Says what is wrong with a word after an entry's URL, by its position and shape, not its text. */
function describeStrayWord(word: string, position: number): string {
  if (/^(slack:|discord:)?[a-z][a-z0-9+.-]*:\/\//i.test(word)) {
    return `word ${position} looks like a second URL; separate entries with commas or new lines`;
  }
  return `word ${position} is neither a time (HH:MM) nor an IANA time zone such as Europe/Kyiv`;
}

/**
 * SLACK_DAILY_MANAGERS: Slack user ids (`U…`, or `W…` on Enterprise Grid) separated by commas or
 * spaces. Display names are not accepted: they are not unique and anyone can change theirs.
 */
function parseSlackUserIds(value: string, problems: string[]): string[] {
  const ids: string[] = [];
  value
    .split(/[\s,]+/)
    .filter(Boolean)
    .forEach((entry, index) => {
      if (/^[UW][A-Z0-9]{2,}$/.test(entry)) ids.push(entry);
      else
        problems.push(
          `SLACK_DAILY_MANAGERS entry ${index + 1}: expected a Slack user id such as U012AB3CD`,
        );
    });
  return ids;
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
