import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { PictureAssetError } from './errors.ts';
import { packageFile } from './package-file.ts';

type Position = [number, number];

/** A ring: four positions or more, each a [longitude, latitude] pair of finite numbers. */
function isRing(value: unknown): value is Position[] {
  if (!Array.isArray(value) || value.length < 4) return false;
  for (const position of value) {
    if (
      !Array.isArray(position) ||
      position.length !== 2 ||
      !Number.isFinite(position[0]) ||
      !Number.isFinite(position[1])
    ) {
      return false;
    }
  }
  return true;
}

// Checked in one loop rather than a schema per number: the file holds some thousands of positions,
// and a schema check for each was most of the bot's start-up spent on pictures.
const ring = z.custom<Position[]>(isRing, {
  message: 'expected a ring of at least 4 [longitude, latitude] positions',
});
const geometry = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) }),
  z.strictObject({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring).min(1)) }),
]);
const shape = z.strictObject({ iso: z.string().min(2), name: z.string().min(1), geometry });

const boundariesSchema = z.strictObject({
  source: z.string(),
  /** Ukraine's units, each named by its ISO 3166-2 code. */
  units: z.array(shape).min(1),
  /** The neighbouring states, by ISO 3166-1 code, for context. */
  neighbours: z.array(shape),
});

/** The map's boundaries, as scripts/extract-boundaries.ts writes them. */
export type Boundaries = z.infer<typeof boundariesSchema>;
/** One unit or neighbour. */
export type BoundaryShape = Boundaries['units'][number];

/**
 * The committed boundaries file, found from the package root: this module runs from src/pictures
 * under tsx and from a chunk under dist/ once built, and the file stays in src/pictures/data.
 */
export const defaultBoundariesFile = packageFile(
  path.join('src', 'pictures', 'data', 'boundaries.json'),
);

/**
 * Reads and checks the boundaries file; a missing, unreadable or malformed file, or one without
 * every unit the map must show, is a PictureAssetError naming the file.
 */
export async function loadBoundaries(
  file: string,
  required: readonly string[],
): Promise<Boundaries> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new PictureAssetError(
      file,
      `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      error,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new PictureAssetError(file, 'is not JSON', error);
  }
  const parsed = boundariesSchema.safeParse(data);
  if (!parsed.success) {
    throw new PictureAssetError(
      file,
      `is not a boundaries file: ${z.prettifyError(parsed.error)}`,
      parsed.error,
    );
  }
  const codes = new Set(parsed.data.units.map((unit) => unit.iso));
  const missing = required.filter((code) => !codes.has(code));
  if (missing.length > 0) throw new PictureAssetError(file, `lacks ${missing.join(', ')}`);
  return parsed.data;
}
