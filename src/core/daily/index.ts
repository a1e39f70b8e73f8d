export * from './content.ts';
export * from './delivery.ts';
export { type DailyCommand, parseDailyQuery, timeZoneListUrl } from './parse.ts';
export {
  createDailyService,
  type DailyRequestContext,
  type DailyService,
  type DailyServiceConfig,
} from './service.ts';
export {
  type DailyWebhookConfig,
  syncWebhookSubscriptions,
  webhookChannelId,
} from './webhooks.ts';
