import {
  type BriefingPicture,
  type PictureRenderer,
  pictureFileName,
  type RenderedPicture,
} from '../core/index.ts';
import { type Boundaries, defaultBoundariesFile, loadBoundaries } from './boundaries.ts';
import { checkFontFiles, defaultFontFiles } from './fonts.ts';
import { fontFamily } from './svg.ts';

/**
 * Pixels per logical pixel. The pictures are laid out at 1200 px wide, which is already at least
 * twice what chat clients show inline (Slack about 360 to 480 px, Discord up to 550 px), so at 1x
 * an inline preview is still sharp on a high-density screen, and opened full size the picture
 * shows 1:1 on an ordinary one. Drawing at 2x cost four times the pixels (and the PNG encoding
 * with them) for no visible gain in chat: most of the time a picture took (docs/pictures.md).
 */
const scale = 1;

/** Where the pictures' fonts and boundaries are; defaults are the shipped ones. */
export interface PictureAssets {
  readonly fontFiles?: readonly string[];
  readonly boundariesFile?: string;
  /** ISO 3166-2 codes the boundaries must hold: the units the core highlights. */
  readonly requiredUnits?: readonly string[];
}

/**
 * The picture as SVG: the drawing, before rasterising. The drawing code (d3's scales and
 * projections, a dozen modules) loads with the first picture, not with every start of the bot.
 */
export async function pictureSvg(
  picture: BriefingPicture,
  boundaries: Boundaries,
): Promise<string> {
  switch (picture.kind) {
    case 'timeline':
      return (await import('./timeline.ts')).timelineSvg(picture);
    case 'map':
      return (await import('./map.ts')).mapSvg(picture, boundaries);
  }
}

/**
 * Builds the picture renderer: checks the fonts and loads the boundaries now, so a missing or
 * broken file stops start-up with its name (PictureAssetError) instead of failing a reply later.
 * Drawing is SVG made in code, rasterised by resvg on libuv's thread pool; nothing is fetched.
 */
export async function createPictureRenderer(assets: PictureAssets = {}): Promise<PictureRenderer> {
  const fontFiles = [...(assets.fontFiles ?? defaultFontFiles())];
  await checkFontFiles(fontFiles);
  const boundaries = await loadBoundaries(
    assets.boundariesFile ?? defaultBoundariesFile,
    assets.requiredUnits ?? [],
  );
  return {
    async render(picture: BriefingPicture): Promise<RenderedPicture> {
      // Loaded on the first picture, so starting the bot does not wait for the native module.
      const { renderAsync } = await import('@resvg/resvg-js');
      const image = await renderAsync(await pictureSvg(picture, boundaries), {
        fitTo: { mode: 'zoom', value: scale },
        font: { loadSystemFonts: false, fontFiles, defaultFontFamily: fontFamily },
      });
      return {
        png: image.asPng(),
        width: image.width,
        height: image.height,
        fileName: pictureFileName(picture),
        alt: picture.alt,
      };
    },
  };
}
