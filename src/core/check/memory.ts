import { randomUUID } from 'node:crypto';

/** A checked message, remembered so its Share button can post the check where it was asked. */
export interface CheckedMessage {
  readonly text: string;
  readonly channel: string;
  /** The thread (Slack) the check is shared into, when there is one. */
  readonly threadTs?: string;
  readonly at: number;
}

// A Share button holds a reference, not the message: button values stop at 2,000 characters and
// a message may be 4,000. Kept an hour, at most this many, in this process only; a Share after a
// restart asks for the check to be run again.
const rememberedLimit = 1000;
const rememberedMs = 60 * 60 * 1000;
const refPrefix = '#check:';

/** The messages checked lately, by the reference their Share button carries. */
export interface CheckMemory {
  remember(message: Omit<CheckedMessage, 'at'>): string;
  recall(query: string): CheckedMessage | undefined;
  /** Whether a Share button's query is a reference (else it is the text of a typed `/check`). */
  isReference(query: string): boolean;
}

/**
 * A bounded, expiring memory of checked messages, in this process. Adapters give a Share button
 * the reference, since neither Slack's button values nor Discord's custom ids hold a whole message.
 */
export function createCheckMemory(now: () => number = Date.now): CheckMemory {
  const messages = new Map<string, CheckedMessage>();
  return {
    remember(message) {
      if (messages.size >= rememberedLimit) {
        const oldest = messages.keys().next();
        if (!oldest.done) messages.delete(oldest.value);
      }
      const ref = `${refPrefix}${randomUUID()}`;
      messages.set(ref, { ...message, at: now() });
      return ref;
    },
    recall(query) {
      const message = messages.get(query);
      if (!message || now() - message.at > rememberedMs) return undefined;
      return message;
    },
    isReference: (query) => query.startsWith(refPrefix),
  };
}
