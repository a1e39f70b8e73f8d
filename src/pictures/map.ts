import { type GeoProjection, geoCentroid, geoConicConformal, geoPath } from 'd3-geo';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { BriefingPicture } from '../core/index.ts';
import type { Boundaries, BoundaryShape } from './boundaries.ts';
import { palette } from './palette.ts';
import { escapeXml, fontFamily, svgText, textWidth } from './svg.ts';

type MapPicture = Extract<BriefingPicture, { kind: 'map' }>;

/** The map's logical size, in pixels (renderer.ts says why it is drawn at 1x). */
const mapSize = { width: 1200, height: 800 } as const;

/** Where Ukraine is fitted, leaving room for the title, the labels to the east and the legend. */
const frame: [[number, number], [number, number]] = [
  [60, 84],
  [mapSize.width - 250, mapSize.height - 96],
];

/**
 * Where each claimed unit's label goes (longitude, latitude, text anchor): out in the sea or past
 * the border, joined to the unit by a leader line, so the units' own fill stays clear to read.
 */
const labelPlaces: Record<string, [number, number, 'start' | 'middle' | 'end']> = {
  'UA-43': [34.3, 44.05, 'middle'],
  'UA-40': [32.6, 44.55, 'end'],
  'UA-65': [31.55, 45.75, 'end'],
  'UA-23': [36.3, 45.75, 'start'],
  'UA-14': [39.2, 47.2, 'start'],
  'UA-09': [40.6, 49.3, 'start'],
};

const neighbourLabels: Record<string, [number, number]> = {
  RU: [38.6, 51.9],
  BY: [27.5, 52.6],
  PL: [22.6, 51.2],
  RO: [25.2, 46.6],
  MD: [28.6, 47.5],
  HU: [21.6, 47.7],
  SK: [21.6, 49.0],
};

function asFeature(shape: BoundaryShape): Feature<Polygon | MultiPolygon> {
  return { type: 'Feature', properties: {}, geometry: shape.geometry };
}

/** The projection the map is drawn in: Ukraine fitted to its frame, Lambert conformal conic. */
export function mapProjection(boundaries: Boundaries): GeoProjection {
  return geoConicConformal()
    .parallels([45, 51])
    .rotate([-31, 0])
    .fitExtent(frame, {
      type: 'FeatureCollection',
      features: boundaries.units.map(asFeature),
    })
    .clipExtent([
      [0, 0],
      [mapSize.width, mapSize.height],
    ]);
}

/** The boundaries projected: the same for every map, only the fills change. */
interface Projected {
  readonly projection: GeoProjection;
  readonly d: (shape: BoundaryShape) => string;
}

// Projected once per boundaries (once per process): projecting and printing every ring was most
// of the SVG's building time, and the boundaries never change while the bot runs.
const projections = new WeakMap<Boundaries, Projected>();

function projected(boundaries: Boundaries): Projected {
  let found = projections.get(boundaries);
  if (!found) {
    const projection = mapProjection(boundaries);
    // A tenth of a pixel is finer than any screen shows, and shorter paths parse faster.
    const path = geoPath(projection).digits(1);
    const paths = new Map<BoundaryShape, string>();
    found = {
      projection,
      d: (shape) => {
        let drawn = paths.get(shape);
        if (drawn === undefined) {
          drawn = path(asFeature(shape)) ?? '';
          paths.set(shape, drawn);
        }
        return drawn;
      },
    };
    projections.set(boundaries, found);
  }
  return found;
}

const halo = `stroke="${palette.background}" stroke-width="4" stroke-linejoin="round" paint-order="stroke"`;

/** The map as SVG: Ukraine in its recognised borders with its oblasts, the claimed units marked. */
export function mapSvg(picture: MapPicture, boundaries: Boundaries): string {
  const { width, height } = mapSize;
  const { projection, d } = projected(boundaries);
  const claimed = new Map(picture.claimed.map((unit) => [unit.code, unit.name]));
  const parts: string[] = [
    `<rect width="${width}" height="${height}" fill="${palette.sea}"/>`,
    ...boundaries.neighbours.map(
      (n) =>
        `<path d="${d(n)}" fill="${palette.neighbour}" stroke="${palette.neighbourBorder}" stroke-width="1"/>`,
    ),
    // Ukraine's recognised border: a thick stroke around every unit, whose inner half the units'
    // own fills then cover, so only the outer border stays thick.
    `<path d="${boundaries.units.map(d).join('')}" fill="none" stroke="${palette.border}" stroke-width="3.2" stroke-linejoin="round"/>`,
    ...boundaries.units.map(
      (unit) =>
        `<path d="${d(unit)}" fill="${claimed.has(unit.iso) ? palette.claimed : palette.ukraine}" stroke="${palette.oblastBorder}" stroke-width="0.8"/>`,
    ),
  ];
  const focus = boundaries.units.find((unit) => unit.iso === picture.focus);
  if (focus) {
    parts.push(`<path d="${d(focus)}" fill="none" stroke="${palette.ink}" stroke-width="3"/>`);
  }

  for (const [iso, [lon, lat]] of Object.entries(neighbourLabels)) {
    const name = boundaries.neighbours.find((n) => n.iso === iso)?.name;
    const at = projection([lon, lat]);
    if (!name || !at) continue;
    // Kept whole inside the picture: the neighbours at the edges are only partly in it.
    const half = textWidth(name, 15) / 2 + name.length;
    const x = Math.min(width - 8 - half, Math.max(8 + half, at[0]));
    parts.push(
      svgText(
        x,
        at[1],
        name.toUpperCase(),
        `font-size="15" fill="${palette.muted}" text-anchor="middle" letter-spacing="2"`,
      ),
    );
  }
  const sea = projection([30.3, 43.95]);
  if (sea)
    parts.push(
      svgText(
        sea[0],
        sea[1],
        'Black Sea',
        `font-size="16" font-style="italic" fill="#3D6A8E" text-anchor="middle"`,
      ),
    );
  const azov = projection([36.9, 46.55]);
  if (azov)
    parts.push(
      svgText(
        azov[0],
        azov[1],
        'Sea of Azov',
        `font-size="12" font-style="italic" fill="#3D6A8E" text-anchor="middle"`,
      ),
    );
  const country = projection([29.6, 49.6]);
  if (country)
    parts.push(
      svgText(
        country[0],
        country[1],
        'UKRAINE',
        `font-size="26" font-weight="bold" fill="${palette.ink}" text-anchor="middle" letter-spacing="6" ${halo}`,
      ),
    );
  const kyiv = projection([30.52, 50.45]);
  if (kyiv) {
    parts.push(
      `<circle cx="${kyiv[0]}" cy="${kyiv[1]}" r="4" fill="${palette.ink}"/>`,
      svgText(kyiv[0] + 7, kyiv[1] - 6, 'Kyiv', `font-size="14" fill="${palette.ink}" ${halo}`),
    );
  }

  for (const unit of boundaries.units) {
    const name = claimed.get(unit.iso);
    const place = labelPlaces[unit.iso];
    if (!name) continue;
    const centre = projection(geoCentroid(asFeature(unit)));
    const [lon, lat, anchor] = place ?? [...geoCentroid(asFeature(unit)), 'middle' as const];
    const at = projection([lon, lat]);
    if (!centre || !at) continue;
    parts.push(
      `<line x1="${at[0]}" y1="${at[1] - 5}" x2="${centre[0]}" y2="${centre[1]}" stroke="${palette.ink}" stroke-width="1"/>`,
      `<circle cx="${centre[0]}" cy="${centre[1]}" r="2.5" fill="${palette.ink}"/>`,
      svgText(
        at[0],
        at[1] + 10,
        name,
        `font-size="15" font-weight="bold" fill="${palette.ink}" text-anchor="${anchor}" ${halo}`,
      ),
    );
  }

  parts.push(...legendParts(height), ...titleParts(picture, width, height));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(fontFamily)}" role="img" aria-label="${escapeXml(picture.alt)}">${parts.join('')}</svg>`;
}

function legendParts(height: number): string[] {
  const x = 24;
  const y = height - 150;
  const row = (i: number) => y + 40 + i * 24;
  return [
    `<rect x="${x}" y="${y}" width="370" height="118" rx="6" fill="${palette.background}" fill-opacity="0.92" stroke="${palette.neighbourBorder}"/>`,
    svgText(x + 14, y + 24, 'Legend', `font-size="14" font-weight="bold" fill="${palette.ink}"`),
    `<rect x="${x + 14}" y="${row(0) - 12}" width="24" height="15" fill="${palette.claimed}" stroke="${palette.oblastBorder}"/>`,
    svgText(
      x + 48,
      row(0),
      'Claimed in both constitutions',
      `font-size="13" fill="${palette.ink}"`,
    ),
    `<rect x="${x + 14}" y="${row(1) - 12}" width="24" height="15" fill="${palette.ukraine}" stroke="${palette.oblastBorder}"/>`,
    svgText(x + 48, row(1), 'Other oblasts of Ukraine', `font-size="13" fill="${palette.ink}"`),
    `<line x1="${x + 14}" y1="${row(2) - 5}" x2="${x + 38}" y2="${row(2) - 5}" stroke="${palette.border}" stroke-width="2.5"/>`,
    svgText(
      x + 48,
      row(2),
      'Internationally recognised border',
      `font-size="13" fill="${palette.ink}"`,
    ),
  ];
}

function titleParts(picture: MapPicture, width: number, height: number): string[] {
  return [
    `<rect width="${width}" height="64" fill="${palette.background}" fill-opacity="0.92"/>`,
    svgText(24, 42, picture.title, `font-size="24" font-weight="bold" fill="${palette.ink}"`),
    `<rect y="${height - 30}" width="${width}" height="30" fill="${palette.background}" fill-opacity="0.92"/>`,
    svgText(24, height - 10, picture.source, `font-size="12" fill="${palette.muted}"`),
    svgText(
      width - 24,
      height - 10,
      'Boundaries: Natural Earth (public domain)',
      `font-size="12" fill="${palette.muted}" text-anchor="end"`,
    ),
  ];
}
