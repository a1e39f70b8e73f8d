/** Stable codes for failures the bot reports; expected outcomes (not found, ambiguous) are values, not errors. */
export type ErrorCode =
  | 'KNOWLEDGE_INVALID'
  | 'CONFIG_INVALID'
  | 'STORE_FAILED'
  | 'DELIVERY_FAILED'
  | 'PICTURE_ASSET';

/** A failure with a stable code that logs and user messages can rely on. */
export class TrucebriefError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TrucebriefError';
    this.code = code;
  }
}
