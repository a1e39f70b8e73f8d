import { createHash } from 'node:crypto';
import type { BriefingPicture } from './briefing/model.ts';
import { everyPicture } from './briefing/pictures.ts';
import type { Knowledge } from './knowledge/validate.ts';

/** A picture drawn: a PNG and what to call it when attached. */
export interface RenderedPicture {
  readonly png: Uint8Array;
  /** Pixel size of the PNG. */
  readonly width: number;
  readonly height: number;
  /** A file name for uploads and `attachment://` links: `timeline.png`, `map.png`. */
  readonly fileName: string;
  /** The text equivalent, for the platform's alt-text field. */
  readonly alt: string;
}

/**
 * The port the core draws pictures through; src/pictures implements it, wired in at start-up like
 * the store. Without one, briefings keep their pictures' text equivalents and go without images.
 */
export interface PictureRenderer {
  render(picture: BriefingPicture): Promise<RenderedPicture>;
}

/** File name a picture is attached under. */
export function pictureFileName(picture: BriefingPicture): string {
  return `${picture.kind}.png`;
}

/**
 * Where a picture is served over HTTP (PUBLIC_BASE_URL): `/pictures/<version>/<name>.png`. The
 * version is a hash of the picture's description, which is made from the knowledge alone, so it
 * changes exactly when the picture would, and every instance with the same knowledge names the
 * same picture the same way; a URL names one image forever and may be cached forever.
 */
export function picturePath(picture: BriefingPicture): string {
  const version = createHash('sha256')
    .update(JSON.stringify(picture))
    .digest('hex')
    .slice(0, pictureVersionLength);
  const name = picture.kind === 'map' && picture.focus ? `map-${picture.focus}` : picture.kind;
  return `/pictures/${version}/${name.toLowerCase()}.png`;
}

const pictureVersionLength = 16;

// The paths of the knowledge's pictures, worked out once per knowledge (a reload makes a new one).
const pathsByKnowledge = new WeakMap<Knowledge, ReadonlyMap<string, BriefingPicture>>();

/**
 * The picture a path names, if the knowledge gives one at that path; undefined for anything else
 * (an old version, an unknown name, a path that is not a picture path at all).
 */
export function pictureAtPath(knowledge: Knowledge, path: string): BriefingPicture | undefined {
  let paths = pathsByKnowledge.get(knowledge);
  if (!paths) {
    paths = new Map(everyPicture(knowledge).map((picture) => [picturePath(picture), picture]));
    pathsByKnowledge.set(knowledge, paths);
  }
  return paths.get(path);
}

/**
 * Draws each picture once: a picture's description is made from the knowledge alone, so the same
 * description is the same image until the knowledge changes (a new knowledge version gives new
 * descriptions, so new keys). Bounded; the few pictures there are fit many times over.
 */
export function cachedPictures(renderer: PictureRenderer, limit = 32): PictureRenderer {
  const cache = new Map<string, Promise<RenderedPicture>>();
  return {
    render(picture) {
      const key = JSON.stringify(picture);
      const hit = cache.get(key);
      if (hit) return hit;
      const drawn = renderer.render(picture);
      // A failed drawing is not remembered, so the next request tries again.
      drawn.catch(() => cache.delete(key));
      if (cache.size >= limit) {
        const oldest = cache.keys().next();
        if (!oldest.done) cache.delete(oldest.value);
      }
      cache.set(key, drawn);
      return drawn;
    },
  };
}
