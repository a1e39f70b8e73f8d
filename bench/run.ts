/** `npm run bench`: every benchmark, each against a baseline measured in the same run. */
import { parseScriptArgs } from '../src/script-args.ts';

const sectionNames = [
  'lookup',
  'slack',
  'discord',
  'startup',
  'daily',
  'scheduler',
  'scale',
  'check',
  'pictures',
];
const usage = `usage: npm run bench [-- --only NAME]
  runs every benchmark (lookup, Slack HTTP slash commands, Discord interactions, start-up,
  daily fan-out, one instance against two, the claim checker), each against a
  baseline measured in the same run, and prints the results as Markdown
  --only   one benchmark: ${sectionNames.join(', ')}`;
const { values } = parseScriptArgs(usage, { options: { only: { type: 'string' } } });
if (values.only !== undefined && !sectionNames.includes(values.only)) {
  process.stderr.write(`unknown benchmark: ${values.only}\n${usage}\n`);
  process.exit(2);
}

// Loaded after the arguments are read, so --help answers without loading Bolt and the benchmarks.
const { benchDaily } = await import('./daily.ts');
const { benchDiscord } = await import('./discord.ts');
const { benchLookup } = await import('./lookup.ts');
const { benchScheduler } = await import('./scheduler.ts');
const { benchPictures } = await import('./pictures.ts');
const { benchScale } = await import('./scale.ts');
const { benchCheck } = await import('./check.ts');
const { benchSlack } = await import('./slack.ts');
const { benchStartup } = await import('./startup.ts');

const sections: [string, string, () => Promise<string[]>][] = [
  ['lookup', 'Lookup', benchLookup],
  ['slack', 'Slack HTTP slash commands', benchSlack],
  ['discord', 'Discord slash commands', benchDiscord],
  ['startup', 'Start-up', benchStartup],
  ['daily', 'Daily fan-out', benchDaily],
  ['scheduler', 'Daily scheduler pass', benchScheduler],
  ['scale', 'Instances: one and two side by side', benchScale],
  ['check', 'Claim checker on long messages', benchCheck],
  ['pictures', 'Pictures', benchPictures],
];

console.log(`trucebrief benchmarks on Node ${process.version}, ${new Date().toISOString()}\n`);
for (const [name, title, run] of sections) {
  if (values.only !== undefined && values.only !== name) continue;
  console.log(`## ${title}\n`);
  for (const line of await run()) console.log(line);
  console.log('');
}
