/** `npm run bench`: every benchmark, each against a baseline measured in the same run. */
import { parseScriptArgs } from '../src/script-args.ts';

parseScriptArgs(
  `usage: npm run bench
  runs every benchmark (lookup, Slack HTTP slash commands, Discord interactions, start-up,
  daily fan-out), each against a
  baseline measured in the same run, and prints the results as Markdown`,
  { options: {} },
);

// Loaded after the arguments are read, so --help answers without loading Bolt and the benchmarks.
const { benchDaily } = await import('./daily.ts');
const { benchDiscord } = await import('./discord.ts');
const { benchLookup } = await import('./lookup.ts');
const { benchScheduler } = await import('./scheduler.ts');
const { benchPictures } = await import('./pictures.ts');
const { benchSlack } = await import('./slack.ts');
const { benchStartup } = await import('./startup.ts');

const sections: [string, () => Promise<string[]>][] = [
  ['Lookup', benchLookup],
  ['Slack HTTP slash commands', benchSlack],
  ['Discord slash commands', benchDiscord],
  ['Start-up', benchStartup],
  ['Daily fan-out', benchDaily],
  ['Daily scheduler pass', benchScheduler],
  ['Pictures', benchPictures],
];

console.log(`trucebrief benchmarks on Node ${process.version}, ${new Date().toISOString()}\n`);
for (const [title, run] of sections) {
  console.log(`## ${title}\n`);
  for (const line of await run()) console.log(line);
  console.log('');
}
