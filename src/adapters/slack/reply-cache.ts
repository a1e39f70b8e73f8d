import type { Briefing } from '../../core/index.ts';
import { renderBriefingForSlack, type SlackMessage } from './render.ts';

// Briefings are immutable and the core returns the same object for a repeated question, so each
// is rendered (and serialised) once per form; WeakMaps let the entries go when the core's cache
// drops a briefing.
const renderedForChannel = new WeakMap<Briefing, SlackMessage>();
const renderedDefault = new WeakMap<Briefing, SlackMessage>();
const serialisedReplies = new WeakMap<Briefing, string>();

/** The briefing as a Slack message, rendered once; `public` drops the "Share in channel" button. */
export function renderOnce(briefing: Briefing, options: { public?: boolean } = {}): SlackMessage {
  const cache = options.public ? renderedForChannel : renderedDefault;
  let message = cache.get(briefing);
  if (!message) {
    message = renderBriefingForSlack(briefing, options.public ? { public: true } : {});
    cache.set(briefing, message);
  }
  return message;
}

/** A slash command's answer: the message, for everyone in the channel or only the asker. */
export type SlashReply = Partial<SlackMessage> & { response_type: 'in_channel' | 'ephemeral' };

/** The briefing as a slash command's answer, with the visibility the core chose. */
export function slashReply(briefing: Briefing): SlashReply {
  return {
    response_type: briefing.visibility === 'public' ? 'in_channel' : 'ephemeral',
    ...renderOnce(briefing),
  };
}

/** The slash reply as JSON text, serialised once per briefing like the rendering. */
export function serialisedSlashReply(briefing: Briefing): string {
  let json = serialisedReplies.get(briefing);
  if (json === undefined) {
    json = JSON.stringify(slashReply(briefing));
    serialisedReplies.set(briefing, json);
  }
  return json;
}
