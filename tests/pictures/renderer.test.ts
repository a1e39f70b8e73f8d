import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { geoBounds, geoContains } from 'd3-geo';
import type { Feature } from 'geojson';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  claimedUnitCodes,
  type Knowledge,
  loadKnowledgeDir,
  type PictureRenderer,
  pictureOfKind,
} from '../../src/core/index.ts';
import {
  type Boundaries,
  type BoundaryShape,
  defaultBoundariesFile,
  loadBoundaries,
} from '../../src/pictures/boundaries.ts';
import { PictureAssetError } from '../../src/pictures/errors.ts';
import { fontUnicodes } from '../../src/pictures/fonts.ts';
import { mapProjection } from '../../src/pictures/map.ts';
import { palette } from '../../src/pictures/palette.ts';
import { createPictureRenderer, pictureSvg } from '../../src/pictures/renderer.ts';

let knowledge: Knowledge;
let renderer: PictureRenderer;
let boundaries: Boundaries;

beforeAll(async () => {
  // The real knowledge: the pictures are drawn from it, and docs/ shows them.
  knowledge = await loadKnowledgeDir(path.join(import.meta.dirname, '..', '..', 'knowledge'));
  renderer = await createPictureRenderer({ requiredUnits: claimedUnitCodes });
  boundaries = await loadBoundaries(defaultBoundariesFile, claimedUnitCodes);
});

function decode(png: Uint8Array): PNG {
  return PNG.sync.read(Buffer.from(png));
}

function rgb(image: PNG, x: number, y: number): string {
  const i = (Math.round(y) * image.width + Math.round(x)) * 4;
  const hex = (n: number | undefined) => (n ?? 0).toString(16).padStart(2, '0');
  return `#${hex(image.data[i])}${hex(image.data[i + 1])}${hex(image.data[i + 2])}`.toUpperCase();
}

/** Pixels whose colour is not the background's, in a rectangle of logical pixels. */
function inkIn(image: PNG, x0: number, y0: number, x1: number, y1: number, scale = 1): number {
  let ink = 0;
  for (let y = y0 * scale; y < y1 * scale; y += 1) {
    for (let x = x0 * scale; x < x1 * scale; x += 1) {
      if (rgb(image, x, y) !== palette.background) ink += 1;
    }
  }
  return ink;
}

/** The colours of points inside a unit, sampled on a grid and found in the PNG. */
function interiorColours(image: PNG, unit: BoundaryShape): string[] {
  const feature: Feature = { type: 'Feature', properties: {}, geometry: unit.geometry };
  const [[west, south], [east, north]] = geoBounds(feature);
  const projection = mapProjection(boundaries);
  const colours: string[] = [];
  for (let lon = west; lon <= east; lon += (east - west) / 24) {
    for (let lat = south; lat <= north; lat += (north - south) / 24) {
      // Away from the edge, where the borders' strokes are drawn.
      const margin = 0.04;
      const inside = [
        [lon, lat],
        [lon - margin, lat],
        [lon + margin, lat],
        [lon, lat - margin],
        [lon, lat + margin],
      ].every((p) => geoContains(feature, p as [number, number]));
      if (!inside) continue;
      const at = projection([lon, lat]);
      if (at) colours.push(rgb(image, at[0], at[1]));
    }
  }
  return colours;
}

const share = (colours: readonly string[], colour: string) =>
  colours.filter((c) => c === colour).length / colours.length;

describe('the timeline chart', () => {
  it('is a 1200×600 chart, not blank, with its title in the shipped font', async () => {
    const image = await renderer.render(pictureOfKind('timeline', knowledge));
    expect(image.fileName).toBe('timeline.png');
    const png = decode(image.png);
    expect([png.width, png.height]).toEqual([1200, 600]);
    expect(inkIn(png, 0, 0, 1200, 600) / (1200 * 600)).toBeGreaterThan(0.05);
    // The title is drawn: ink where it stands, none in the margin above it.
    expect(inkIn(png, 20, 22, 400, 50)).toBeGreaterThan(500);
    expect(inkIn(png, 20, 0, 400, 10)).toBe(0);
    // The agreements' marks are in the signed colour.
    let signed = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      if (png.data[i] === 0x00 && png.data[i + 1] === 0x72 && png.data[i + 2] === 0xb2) signed += 1;
    }
    expect(signed).toBeGreaterThan(1250);
  });

  it('draws text only with the shipped font: without it, the title is not there', async () => {
    const fontless = await createPictureRenderer({ fontFiles: [] });
    const png = decode((await fontless.render(pictureOfKind('timeline', knowledge))).png);
    expect(inkIn(png, 20, 22, 400, 50)).toBe(0);
  });
});

describe('the map', () => {
  it('fills the six claimed units with the highlight colour and the other oblasts not', async () => {
    const image = await renderer.render(pictureOfKind('map', knowledge));
    expect(image.fileName).toBe('map.png');
    const png = decode(image.png);
    expect([png.width, png.height]).toEqual([1200, 800]);
    for (const code of claimedUnitCodes) {
      const unit = boundaries.units.find((u) => u.iso === code);
      if (!unit) throw new Error(`no ${code}`);
      const colours = interiorColours(png, unit);
      expect(colours.length, code).toBeGreaterThan(3);
      // Leader lines and dots cross some samples; most are the fill.
      expect(share(colours, palette.claimed), code).toBeGreaterThan(0.8);
    }
    for (const code of ['UA-53', 'UA-46', 'UA-12']) {
      const unit = boundaries.units.find((u) => u.iso === code);
      if (!unit) throw new Error(`no ${code}`);
      const colours = interiorColours(png, unit);
      expect(share(colours, palette.claimed), code).toBe(0);
      expect(share(colours, palette.ukraine), code).toBeGreaterThan(0.8);
    }
  });

  it('selects Crimea by its ISO code, whatever owner the data files it under', () => {
    const crimea = boundaries.units.find((u) => u.iso === 'UA-43');
    expect(crimea?.name).toBe('Autonomous Republic of Crimea');
    expect(boundaries.units.map((u) => u.iso)).toEqual(
      expect.arrayContaining([...claimedUnitCodes]),
    );
    expect(boundaries.units).toHaveLength(27);
  });
});

describe('the shipped font subsets', () => {
  it('hold every character any picture of the knowledge draws', async () => {
    const ranges = fontUnicodes.split(',').map((range) => {
      const [from, to = from] = range.replace('U+', '').split('-');
      return [Number.parseInt(from ?? '', 16), Number.parseInt(to ?? '', 16)] as const;
    });
    const kept = (code: number) => ranges.some(([from, to]) => code >= from && code <= to);
    const pictures = [
      pictureOfKind('timeline', knowledge),
      pictureOfKind('map', knowledge),
      ...claimedUnitCodes.map((focus) => ({ ...pictureOfKind('map', knowledge), focus })),
    ];
    for (const picture of pictures) {
      const svg = await pictureSvg(picture as Parameters<typeof pictureSvg>[0], boundaries);
      const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) =>
        (match[1] ?? '').replace(/&#(\d+);/g, (_, code: string) =>
          String.fromCodePoint(Number(code)),
        ),
      );
      expect(texts.length).toBeGreaterThan(5);
      const missing = [...texts.join('')].filter((char) => !kept(char.codePointAt(0) ?? 0));
      expect(missing, picture.kind).toEqual([]);
    }
  });
});

describe('missing or broken assets', () => {
  it('name the boundaries file when it is missing, malformed or lacks a claimed unit', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'trucebrief-pictures-'));
    const missing = path.join(dir, 'nope.json');
    await expect(createPictureRenderer({ boundariesFile: missing })).rejects.toThrow(
      new PictureAssetError(missing, 'cannot be read (ENOENT)'),
    );
    const broken = path.join(dir, 'broken.json');
    await writeFile(broken, '{"units": [');
    await expect(createPictureRenderer({ boundariesFile: broken })).rejects.toThrow(broken);
    const partial = path.join(dir, 'partial.json');
    await writeFile(
      partial,
      JSON.stringify({ ...boundaries, units: boundaries.units.filter((u) => u.iso !== 'UA-40') }),
    );
    await expect(
      createPictureRenderer({ boundariesFile: partial, requiredUnits: claimedUnitCodes }),
    ).rejects.toThrow(`${partial} lacks UA-40`);
    // A position that is not a pair of numbers, and a ring too short to close, each named by path.
    const [first, ...rest] = boundaries.units;
    if (first?.geometry.type !== 'Polygon') throw new Error('expected a polygon first');
    const [outer = [], ...holes] = first.geometry.coordinates;
    for (const [label, ring] of [
      ['a text coordinate', [['30', 50], ...outer.slice(1)]],
      ['three positions', outer.slice(0, 3)],
    ] as const) {
      const bad = path.join(dir, `${label.replace(/ /g, '-')}.json`);
      const unit = { ...first, geometry: { type: 'Polygon', coordinates: [ring, ...holes] } };
      await writeFile(bad, JSON.stringify({ ...boundaries, units: [unit, ...rest] }));
      const failure = createPictureRenderer({ boundariesFile: bad });
      await expect(failure, label).rejects.toThrow(`${bad} is not a boundaries file`);
      await expect(failure, label).rejects.toThrow('units[0].geometry.coordinates[0]');
    }
  });

  it('name a font file that is missing or not a font', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'trucebrief-fonts-'));
    const notFont = path.join(dir, 'DejaVuSans.ttf');
    await writeFile(notFont, 'this is not a font');
    await expect(createPictureRenderer({ fontFiles: [notFont] })).rejects.toThrow(
      `${notFont} is not a TrueType or OpenType font`,
    );
    const missing = path.join(dir, 'gone.ttf');
    await expect(createPictureRenderer({ fontFiles: [missing] })).rejects.toThrow(
      `${missing} cannot be read (ENOENT)`,
    );
  });
});
