import { createCore, loadKnowledgeDir } from './src/core/index.ts';
const core = createCore(await loadKnowledgeDir('knowledge'));
for (const q of process.argv.slice(2)) { console.log('Q', q); core.lookup(q, { trace: (l) => console.log(l) }); }
