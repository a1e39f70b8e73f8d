import path from 'node:path';

/** The real knowledge: the checker is judged on the facts people will check against. */
export const repoKnowledgeDir = path.join(import.meta.dirname, '..', '..', '..', 'knowledge');
