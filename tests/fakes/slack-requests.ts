import { createHmac } from 'node:crypto';

/**
 * Slack's request signature: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>` with the
 * app's signing secret. https://docs.slack.dev/authentication/verifying-requests-from-slack
 */
export function signSlackRequest(signingSecret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** The current Unix time in seconds, as Slack puts it in `X-Slack-Request-Timestamp`. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** Fields of a slash command invocation; the defaults are scrubbed ids. */
export interface SlashCommandFields {
  readonly command: string;
  readonly text: string;
  readonly response_url: string;
  readonly user_id?: string;
  readonly user_name?: string;
  readonly channel_id?: string;
  readonly channel_name?: string;
  readonly trigger_id?: string;
  /** The workspace it comes from; default T0FAKE. */
  readonly team_id?: string;
}

/**
 * A slash command as Slack posts it: form-encoded, in the documented field order.
 * https://docs.slack.dev/interactivity/implementing-slash-commands#app_command_handling
 */
export function slashCommandBody(fields: SlashCommandFields): string {
  return new URLSearchParams({
    token: 'gIkuvaNzQIHg97ATvDxqgjtO',
    team_id: fields.team_id ?? 'T0FAKE',
    team_domain: 'example',
    enterprise_id: 'E0FAKE',
    enterprise_name: 'Example Org',
    channel_id: fields.channel_id ?? 'C0CHANNEL',
    channel_name: fields.channel_name ?? 'truce-watch',
    user_id: fields.user_id ?? 'U0ASKER',
    user_name: fields.user_name ?? 'asker',
    command: fields.command,
    text: fields.text,
    response_url: fields.response_url,
    trigger_id: fields.trigger_id ?? '13345224609.738474920.8088930838d88f008e0',
    api_app_id: 'A0FAKE',
  }).toString();
}

/** A block_actions interaction as Slack posts it: a form with one `payload` field of JSON. */
export function interactionBody(payload: Readonly<Record<string, unknown>>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** A button click on a message, as a block_actions payload. */
export function buttonClick(options: {
  readonly actionId: string;
  readonly value: string;
  readonly responseUrl: string;
  readonly ephemeral: boolean;
  readonly threadTs?: string;
}): Record<string, unknown> {
  return {
    type: 'block_actions',
    user: { id: 'U0CLICKER', username: 'clicker', name: 'clicker', team_id: 'T0FAKE' },
    api_app_id: 'A0FAKE',
    token: 'gIkuvaNzQIHg97ATvDxqgjtO',
    container: {
      type: 'message',
      message_ts: '1700000000.000300',
      channel_id: 'C0CHANNEL',
      is_ephemeral: options.ephemeral,
      ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
    },
    trigger_id: '13345224609.738474920.8088930838d88f008e0',
    team: { id: 'T0FAKE', domain: 'example' },
    channel: { id: 'C0CHANNEL', name: 'truce-watch' },
    response_url: options.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: options.actionId,
        block_id: 'b1',
        text: { type: 'plain_text', text: 'x', emoji: true },
        value: options.value,
        action_ts: '1700000001.000400',
      },
    ],
  };
}

/**
 * An Events API callback wrapping one event. Its `event_id` is made from the event's `ts` unless
 * given: Slack gives every event its own, and keeps it when it delivers the event again.
 * https://docs.slack.dev/apis/events-api/#callback-field
 */
export function eventCallback(
  event: Readonly<Record<string, unknown>>,
  eventId = `Ev0${String(event.ts ?? event.event_ts ?? 'FAKE').replace('.', '')}`,
  teamId = 'T0FAKE',
): Record<string, unknown> {
  return {
    token: 'gIkuvaNzQIHg97ATvDxqgjtO',
    team_id: teamId,
    api_app_id: 'A0FAKE',
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: 1700000000,
    authorizations: [
      { team_id: teamId, user_id: 'U0BOT', is_bot: true, is_enterprise_install: false },
    ],
  };
}

/** What the app answered to a posted request. */
export interface PostResult {
  readonly status: number;
  readonly text: string;
  /** The answer's Content-Type; Slack reads a body as a message's JSON only when it says so. */
  readonly contentType: string | null;
}

/** Posts a body to the app, signed with `signingSecret` unless a signature is given. */
export async function postToApp(
  url: string,
  body: string,
  options: {
    readonly signingSecret: string;
    readonly contentType: 'application/x-www-form-urlencoded' | 'application/json';
    readonly timestamp?: number;
    readonly signature?: string | null;
    /** More headers, such as Slack's `x-slack-retry-num` on a redelivery. */
    readonly headers?: Readonly<Record<string, string>>;
  },
): Promise<PostResult> {
  const timestamp = options.timestamp ?? nowSeconds();
  const headers: Record<string, string> = {
    'content-type': options.contentType,
    'x-slack-request-timestamp': String(timestamp),
    ...options.headers,
  };
  const signature =
    options.signature === undefined
      ? signSlackRequest(options.signingSecret, timestamp, body)
      : options.signature;
  if (signature !== null) headers['x-slack-signature'] = signature;
  const response = await fetch(url, { method: 'POST', headers, body });
  return {
    status: response.status,
    text: await response.text(),
    contentType: response.headers.get('content-type'),
  };
}
