// The core's public face: what the adapters, the infrastructure, the entry points, the scripts and
// the benchmarks use, named one by one. Tests that need more (the manual clock, the validator on
// texts, time-zone arithmetic) import it from its own module.

export type { PlatformAdapter } from './adapter.ts';
export { quickAnswer } from './briefing/compose.ts';
export type {
  ActionRequest,
  Briefing,
  BriefingAction,
  BriefingBlock,
  BriefingBlockType,
  BriefingFact,
  BriefingPicture,
  Citation,
} from './briefing/model.ts';
export { assertNever } from './briefing/model.ts';
export { claimedUnitCodes, everyPicture, pictureOfKind } from './briefing/pictures.ts';
export { apology, sharedBy } from './briefing/replies.ts';
export { createChangeLog, recordKnowledgeVersion } from './changes/record.ts';
export type { KnowledgeSnapshot } from './changes/snapshot.ts';
export type { KnowledgeChange, KnowledgeHistoryStore } from './changes/store.ts';
export {
  composeCheckExpired,
  composeCheckHowTo,
  withShareReference,
} from './check/compose.ts';
export { type CheckMemory, createCheckMemory } from './check/memory.ts';
export type {
  CommandDefinition,
  CommandName,
  CommandOptionDefinition,
  SubcommandDefinition,
} from './commands.ts';
export {
  commands,
  findCommand,
  isCommandName,
  maxCheckQueryLength,
  maxQueryLength,
} from './commands.ts';
export type { Core } from './core.ts';
export { type CoreOptions, createCore, warmUpDelayMs } from './create-core.ts';
export {
  type DailyDeliverer,
  type DailyPostKey,
  DeliveryError,
  type DeliveryFailure,
  type DeliveryReceipt,
  type DeliveryTarget,
} from './daily/delivery.ts';
export {
  createDailyService,
  type DailyRequestContext,
  type DailyService,
} from './daily/service.ts';
export {
  type ClaimRequest,
  type ClaimResult,
  type DailyPlatform,
  type DailyStore,
  type Delivery,
  type DeliveryClaim,
  type DeliveryState,
  type NextDueChange,
  StoreError,
  type Subscription,
  type SubscriptionInput,
  type SubscriptionStatus,
  subscriptionId,
} from './daily/store.ts';
export {
  type DailyWebhookConfig,
  syncWebhookSubscriptions,
  webhookChannelId,
} from './daily/webhooks.ts';
export { TrucebriefError } from './errors.ts';
export { createMemoryEventLedger, type EventLedger } from './event-ledger.ts';
export { createEditorsDigest, type EditorsChannel } from './feedback/digest.ts';
export type { ReportForm } from './feedback/report.ts';
export { composeReview, type ReviewView, reviewReports } from './feedback/review.ts';
export { parseSince, type Since } from './feedback/since.ts';
export {
  type FeedbackStore,
  type Report,
  type ReportReason,
  type ReportStatus,
  reportReasons,
  type UnansweredOutcome,
  type UnansweredQuestion,
} from './feedback/store.ts';
export { type FeedConfig, keptByKeywords, parseFeedsFile } from './feeds/config.ts';
export {
  type FeedEntry,
  type FeedItem,
  type FeedItemStatus,
  type Headline,
  type NewFeedItem,
  toFeedItem,
} from './feeds/items.ts';
export { promoteSkeleton } from './feeds/promote.ts';
export type { FeedStore } from './feeds/store.ts';
export { KnowledgeError } from './knowledge/errors.ts';
export { type Knowledge, loadKnowledgeDir } from './knowledge/load.ts';
export { createKnowledgeReloader } from './knowledge/reload.ts';
export type { Entry } from './knowledge/schema.ts';
export type { LogContext, Logger, LogLevel } from './logger.ts';
export { dropUnsafeCharacters } from './lookup/clean.ts';
export type { LookupResult } from './lookup/result.ts';
export type { Metrics } from './metrics.ts';
export { cleanQuery, parseCommandLine } from './parse-command.ts';
export {
  type PictureRenderer,
  pictureAtPath,
  pictureFileName,
  picturePath,
  type RenderedPicture,
} from './pictures.ts';
export { defaultRateLimits } from './rate-limit.ts';
export type {
  CommandNaming,
  CommandRequest,
  DailyManagerCheck,
  RequestContext,
} from './request.ts';
export { type Clock, systemClock } from './schedule/clock.ts';
export { dueForExisting, dueWhenChanged, dueWhenStarted } from './schedule/next-due.ts';
export type { SendSlots } from './schedule/rate-limiter.ts';
export { createDailyScheduler } from './schedule/scheduler.ts';
export { handleShutdownSignals } from './schedule/shutdown.ts';
export { canonicalTimeZone, parseTimeOfDay } from './schedule/time-zone.ts';
