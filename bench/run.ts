/** `npm run bench`: every benchmark, each against a baseline measured in the same run. */
import { benchDaily } from './daily.ts';
import { benchLookup } from './lookup.ts';
import { benchSlack } from './slack.ts';

const sections: [string, () => Promise<string[]>][] = [
  ['Lookup', benchLookup],
  ['Slack HTTP slash commands', benchSlack],
  ['Daily fan-out', benchDaily],
];

console.log(`trucebrief benchmarks on Node ${process.version}, ${new Date().toISOString()}\n`);
for (const [title, run] of sections) {
  console.log(`## ${title}\n`);
  for (const line of await run()) console.log(line);
  console.log('');
}
