import { TrucebriefError } from '../core/index.ts';

/** A file the pictures need (a font, the boundaries) is missing or broken; start-up names it. */
export class PictureAssetError extends TrucebriefError {
  readonly file: string;

  constructor(file: string, problem: string, cause?: unknown) {
    super('PICTURE_ASSET', `${file} ${problem}`, cause === undefined ? {} : { cause });
    this.name = 'PictureAssetError';
    this.file = file;
  }
}
