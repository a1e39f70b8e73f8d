import type { APIEmbed, RawFile } from 'discord.js';
import type { Briefing, Core, Logger, RenderedPicture } from '../../core/index.ts';
import { truncate } from '../truncate.ts';

/**
 * An attachment's description is its alt text, up to 1024 characters.
 * https://discord.com/developers/docs/resources/message#attachment-object
 */
const altTextLimit = 1024;

/** A file to upload with a message: its name, bytes and alt text (the attachment's description). */
export interface PictureFile {
  readonly name: string;
  readonly data: Buffer;
  readonly description: string;
}

/** A reply's embeds with the picture shown in the first, and the file that carries it. */
export interface DiscordPictureParts {
  readonly embeds: APIEmbed[];
  readonly files: PictureFile[];
}

/**
 * Draws the briefing's picture through the core; a drawing that fails is logged and the reply
 * goes out without it, since its text already says what the picture shows.
 */
export async function drawPicture(
  core: Core,
  briefing: Briefing,
  logger: Logger,
): Promise<RenderedPicture | undefined> {
  if (!briefing.picture) return undefined;
  try {
    return await core.renderPicture(briefing.picture);
  } catch (error) {
    logger.warn('discord: picture not drawn; sending the text alone', {
      error,
      picture: briefing.picture.kind,
    });
    return undefined;
  }
}

/**
 * Attaches the PNG (uploaded with the message as multipart form data) and shows it in the first
 * embed through `attachment://`, with the picture's alt text as the attachment's description.
 * https://discord.com/developers/docs/reference#editing-message-attachments-using-attachments-within-embeds
 */
export function attachPicture(
  embeds: readonly APIEmbed[],
  picture: RenderedPicture | undefined,
): DiscordPictureParts {
  const [first, ...rest] = embeds;
  if (!picture || !first) return { embeds: [...embeds], files: [] };
  const file: PictureFile = {
    name: picture.fileName,
    data: Buffer.from(picture.png),
    description: truncate(picture.alt, altTextLimit),
  };
  return {
    embeds: [{ ...first, image: { url: `attachment://${picture.fileName}` } }, ...rest],
    files: [file],
  };
}

/** A channel post's first message with the picture: its embeds, the attachment JSON, the file. */
export interface DiscordPostPicture {
  readonly embeds: APIEmbed[];
  readonly attachments: { id: number; filename: string; description: string }[];
  readonly files: RawFile[];
}

/**
 * The same as attachPicture for a message sent over REST (the daily posts), where the file goes
 * as a `files[0]` part and the JSON names it in `attachments` by that index.
 * https://discord.com/developers/docs/reference#uploading-files
 */
export function attachPictureToPost(
  embeds: readonly APIEmbed[],
  picture: RenderedPicture | undefined,
): DiscordPostPicture {
  const [first, ...rest] = embeds;
  if (!picture || !first) return { embeds: [...embeds], attachments: [], files: [] };
  return {
    embeds: [{ ...first, image: { url: `attachment://${picture.fileName}` } }, ...rest],
    attachments: [
      { id: 0, filename: picture.fileName, description: truncate(picture.alt, altTextLimit) },
    ],
    files: [{ name: picture.fileName, data: Buffer.from(picture.png), contentType: 'image/png' }],
  };
}
