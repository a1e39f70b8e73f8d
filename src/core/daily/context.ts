import type { RequestContext } from '../request.ts';
import { parseDailyQuery } from './parse.ts';
import type { DailyRequestContext } from './service.ts';

/**
 * What the daily service needs to know about the person, from what the adapter offers: the
 * manager check runs only for subscribe and unsubscribe (status and preview are open to everyone),
 * and asks for a default zone only when the person gave none.
 */
export async function resolveDailyContext(
  query: string,
  context: RequestContext,
): Promise<DailyRequestContext> {
  const command = parseDailyQuery(query);
  const workspace = context.workspaceId ? { workspaceId: context.workspaceId } : {};
  if (command.kind !== 'subscribe' && command.kind !== 'unsubscribe') {
    return { canManage: false, ...workspace };
  }
  const wantsTimeZone = command.kind === 'subscribe' && command.timeZone === undefined;
  const check = (await context.dailyManager?.(wantsTimeZone)) ?? { canManage: false };
  // Only for someone who may subscribe: nobody else gets the bot to look at, or join, a channel.
  const channel =
    command.kind === 'subscribe' && check.canManage ? await context.dailyChannel?.() : undefined;
  return {
    canManage: check.canManage,
    ...(channel ? { channel } : {}),
    ...(check.timeZone ? { defaultTimeZone: check.timeZone } : {}),
    ...workspace,
  };
}
