import { open } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PictureAssetError } from './errors.ts';

const require = createRequire(import.meta.url);

/**
 * The fonts every picture is drawn with: DejaVu Sans, regular and bold, from the dejavu-fonts-ttf
 * package (TrueType, which resvg needs; Latin and Cyrillic). No system font is ever loaded, so a
 * picture looks the same on every machine.
 */
export function defaultFontFiles(): string[] {
  let dir: string;
  try {
    dir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  } catch (error) {
    throw new PictureAssetError('dejavu-fonts-ttf', 'is not installed; run npm ci', error);
  }
  return [path.join(dir, 'DejaVuSans.ttf'), path.join(dir, 'DejaVuSans-Bold.ttf')];
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
