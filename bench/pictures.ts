import path from 'node:path';
import {
  claimedUnitCodes,
  createCore,
  loadKnowledgeDir,
  pictureOfKind,
} from '../src/core/index.ts';
import { defaultBoundariesFile, loadBoundaries } from '../src/pictures/boundaries.ts';
import { createPictureRenderer, pictureSvg } from '../src/pictures/renderer.ts';
import { fixed, summarise } from './stats.ts';

const repo = path.join(import.meta.dirname, '..');
const rounds = 12;

/**
 * Picture render time, each picture drawn uncached (SVG built in code, rasterised by resvg at
 * twice the logical size, PNG encoded) against the SVG alone and a cached draw through the core,
 * all measured in this run.
 */
export async function benchPictures(): Promise<string[]> {
  const knowledge = await loadKnowledgeDir(path.join(repo, 'knowledge'));
  const renderer = await createPictureRenderer({ requiredUnits: claimedUnitCodes });
  const boundaries = await loadBoundaries(defaultBoundariesFile, claimedUnitCodes);
  const core = createCore(knowledge, { pictures: renderer });
  const lines = [
    '| picture | SVG only p50 ms | uncached p50 ms | uncached p99 ms | cached p50 ms | PNG KB |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const kind of ['timeline', 'map'] as const) {
    const picture = pictureOfKind(kind, knowledge);
    await renderer.render(picture); // loads the native module once
    const svg: number[] = [];
    const uncached: number[] = [];
    const cached: number[] = [];
    let size = 0;
    for (let i = 0; i < rounds; i++) {
      let start = performance.now();
      await pictureSvg(picture, boundaries);
      svg.push(performance.now() - start);
      start = performance.now();
      size = (await renderer.render(picture)).png.length;
      uncached.push(performance.now() - start);
      start = performance.now();
      await core.renderPicture(picture);
      cached.push(performance.now() - start);
    }
    const u = summarise(uncached);
    lines.push(
      `| ${kind} | ${fixed(summarise(svg).p50, 2, 0)} | ${fixed(u.p50, 1, 0)} | ${fixed(u.p99, 1, 0)} | ${fixed(summarise(cached).p50, 3, 0)} | ${Math.round(size / 1024)} |`,
    );
  }
  lines.push(
    '',
    `${rounds} draws each; uncached is what the first request for a picture waits (target < 100 ms). The core caches each picture per knowledge version, so later requests pay the cached time.`,
  );
  return lines;
}
