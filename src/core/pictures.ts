import type { BriefingPicture } from './briefing/model.ts';

/** A picture drawn: a PNG and what to call it when attached. */
export interface RenderedPicture {
  readonly png: Uint8Array;
  /** Pixel size of the PNG (drawn at twice the logical size, for high-density screens). */
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
