// The core's public face: adapters, scripts and tests import the core through this file only.
export type { PlatformAdapter } from './adapter.ts';
export { composeHelp, quickAnswer } from './briefing/compose.ts';
export { formatDate } from './briefing/dates.ts';
export type {
  ActionRequest,
  Briefing,
  BriefingAction,
  BriefingBlock,
  BriefingBlockType,
  BriefingFact,
  BriefingOutcome,
  Citation,
  RelatedItem,
} from './briefing/model.ts';
export { assertNever } from './briefing/model.ts';
export { apology } from './briefing/replies.ts';
export type {
  CommandDefinition,
  CommandName,
  CommandOptionDefinition,
  SubcommandDefinition,
} from './commands.ts';
export { commands, findCommand, isCommandName, maxQueryLength } from './commands.ts';
export type { Core } from './core.ts';
export { type CoreOptions, createCore } from './create-core.ts';
export * from './daily/index.ts';
export * from './daily/store.ts';
export type { ErrorCode } from './errors.ts';
export { TrucebriefError } from './errors.ts';
export type { KnowledgeProblem } from './knowledge/errors.ts';
export { formatProblem, KnowledgeError } from './knowledge/errors.ts';
export type { Knowledge, KnowledgeFileText } from './knowledge/load.ts';
export { loadKnowledgeDir } from './knowledge/load.ts';
export type { Entry, EntryKind, Fact, FactTopic, Source } from './knowledge/schema.ts';
export { parseKnowledge } from './knowledge/validate.ts';
export type { LogContext, Logger, LogLevel } from './logger.ts';
export type { Candidate, LookupResult, QuestionIntent, Suggestion } from './lookup/result.ts';
export type { ParsedCommandLine } from './parse-command.ts';
export { cleanQuery, parseCommandLine } from './parse-command.ts';
export type {
  CommandRequest,
  DailyManagerCheck,
  Platform,
  RequestContext,
} from './request.ts';
export * from './schedule/index.ts';
