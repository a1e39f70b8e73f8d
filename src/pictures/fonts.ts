import { open } from 'node:fs/promises';
import path from 'node:path';
import { PictureAssetError } from './errors.ts';
import { packageFile } from './package-file.ts';

/** The faces the pictures use: DejaVu Sans, regular and bold (TrueType, which resvg needs). */
export const fontFaces = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'] as const;

/**
 * The characters the shipped subsets keep (scripts/subset-fonts.ts): Latin with its extensions,
 * Greek, Cyrillic, general punctuation, currency signs, arrows, the minus sign and geometric
 * shapes. Labels come from English titles; anything else would draw as an empty box.
 */
export const fontUnicodes = [
  'U+0020-007E',
  'U+00A0-024F',
  'U+0370-03FF',
  'U+0400-052F',
  'U+1E00-1EFF',
  'U+2000-206F',
  'U+20A0-20CF',
  'U+2100-214F',
  'U+2190-21FF',
  'U+2212',
  'U+25A0-25FF',
].join(',');

/**
 * The fonts every picture is drawn with: DejaVu Sans from the dejavu-fonts-ttf package, subset
 * to the scripts the pictures use and committed in src/pictures/data/fonts with its licence (see
 * scripts/subset-fonts.ts: the whole faces made drawing several times slower). No system font is
 * ever loaded, so a picture looks the same on every machine.
 */
export function defaultFontFiles(): string[] {
  return fontFaces.map((face) => packageFile(path.join('src', 'pictures', 'data', 'fonts', face)));
}

// sfnt version tags: TrueType outlines (0x00010000 or "true") or CFF ones ("OTTO").
const fontTags = new Set(['00010000', '74727565', '4f54544f']);

/** Checks each file is there and begins like a TrueType or OpenType font; else names the file. */
export async function checkFontFiles(files: readonly string[]): Promise<void> {
  for (const file of files) {
    let head: Buffer;
    try {
      const handle = await open(file, 'r');
      try {
        head = Buffer.alloc(4);
        const { bytesRead } = await handle.read(head, 0, 4, 0);
        if (bytesRead < 4)
          throw new PictureAssetError(file, 'is not a TrueType or OpenType font (too short)');
      } finally {
        await handle.close();
      }
    } catch (error) {
      if (error instanceof PictureAssetError) throw error;
      throw new PictureAssetError(
        file,
        `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
        error,
      );
    }
    if (!fontTags.has(head.toString('hex'))) {
      throw new PictureAssetError(file, 'is not a TrueType or OpenType font');
    }
  }
}
