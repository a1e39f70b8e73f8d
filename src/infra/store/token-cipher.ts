/**
 * Seals platform tokens for storage: AES-256-GCM (node:crypto) with a fresh random 12-byte IV per
 * value and the 16-byte authentication tag kept beside the ciphertext, so a row read from a backup
 * or a database dump shows no token, and a changed byte fails to open rather than yielding a
 * wrong token. Each value is bound to its row and column (GCM's additional data), so a sealed bot
 * token copied into another workspace's row does not open there either.
 * https://nodejs.org/api/crypto.html#class-cipher (GCM) and NIST SP 800-38D, 8.2.2 (random IVs)
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { StoreError } from '../../core/index.ts';

/** The installation keys from the environment: new values are sealed with `current`. */
export interface InstallationKeys {
  /** SLACK_INSTALLATION_KEY: 32 bytes. */
  readonly current: Uint8Array;
  /** SLACK_INSTALLATION_PREVIOUS_KEYS: keys rows may still be sealed with, during a rotation. */
  readonly previous: readonly Uint8Array[];
}

/** Seals and opens token values; `keyId` names the key a row was sealed with. */
export interface TokenCipher {
  /** The id of the key new values are sealed with. */
  readonly currentKeyId: string;
  /** Whether a row sealed with this key id can be opened (the key is current or previous). */
  knows(keyId: string): boolean;
  /** `context` names where the value lives (row and column); opening elsewhere fails. */
  seal(plaintext: string, context: string): string;
  open(sealed: string, keyId: string, context: string): string;
}

/** A sealed value that cannot be opened: its key is not configured, or it was altered or moved. */
export class UnopenableTokenError extends StoreError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UnopenableTokenError';
  }
}

const ivBytes = 12;
const tagBytes = 16;
const keyBytes = 32;

/**
 * A key's id: the first 16 hex digits of its SHA-256. Rows name their key by it so the right one
 * opens them after a rotation; a hash of 32 random bytes says nothing about the key.
 */
export function keyIdOf(key: Uint8Array): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

/** A cipher over the current key and any previous ones still needed to read older rows. */
export function createTokenCipher(keys: InstallationKeys): TokenCipher {
  const byId = new Map<string, Buffer>();
  for (const key of [keys.current, ...keys.previous]) {
    if (key.length !== keyBytes) throw new RangeError('an installation key must be 32 bytes');
    byId.set(keyIdOf(key), Buffer.from(key));
  }
  const currentKeyId = keyIdOf(keys.current);
  const current = byId.get(currentKeyId) as Buffer;
  return {
    currentKeyId,
    knows: (keyId) => byId.has(keyId),
    seal(plaintext, context) {
      const iv = randomBytes(ivBytes);
      const cipher = createCipheriv('aes-256-gcm', current, iv, { authTagLength: tagBytes });
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    open(sealed, keyId, context) {
      const key = byId.get(keyId);
      // Never the value or the key in the message: the caller logs it.
      if (!key)
        throw new UnopenableTokenError(`no installation key with id ${keyId} is configured`);
      const bytes = Buffer.from(sealed, 'base64');
      if (bytes.length < ivBytes + tagBytes) {
        throw new UnopenableTokenError(`a sealed value in ${context} is too short`);
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, ivBytes), {
          authTagLength: tagBytes,
        });
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(bytes.subarray(ivBytes, ivBytes + tagBytes));
        const plain = Buffer.concat([
          decipher.update(bytes.subarray(ivBytes + tagBytes)),
          decipher.final(),
        ]);
        return plain.toString('utf8');
      } catch (cause) {
        throw new UnopenableTokenError(`a sealed value in ${context} does not open with its key`, {
          cause,
        });
      }
    },
  };
}
