import type { SlashReply } from './reply-cache.ts';

/**
 * Acknowledges within Slack's 3 seconds however slow the answer: when it is ready within the
 * budget it rides on the acknowledgement (one round trip); otherwise the acknowledgement goes out
 * empty, which shows nothing, and the answer follows through response_url. `reply` never
 * rejects (a failure is already the apology); a failed follow-up rejects, for the adapter's one
 * catch (failures.ts).
 * https://docs.slack.dev/interactivity/handling-user-interaction#message_responses
 */
export async function ackWithin(
  budgetMs: number,
  reply: Promise<SlashReply>,
  ack: (message?: SlashReply) => Promise<void>,
  respond: (message: SlashReply) => Promise<void>,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, budgetMs, undefined);
  });
  const early = await Promise.race([reply, late]);
  clearTimeout(timer);
  if (early !== undefined) {
    await ack(early);
    return;
  }
  await ack();
  await respond(await reply);
}
