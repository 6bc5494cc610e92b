// Related locations that point at an existing file a finding suggests, so
// that an editor can open it from the diagnostic.
import { join } from 'node:path';
import type { RelatedLocation } from '../zuul/types';
import type { Repo } from '../zuul/discover';

const START = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function suggestedFile(repo: Repo, suggestion: string | undefined, what: string): RelatedLocation[] | undefined {
  if (!suggestion) return undefined;
  const rel = suggestion.replace(/\/$/, '');
  if (!repo.files.has(rel)) return undefined;
  return [{ file: join(repo.root, rel), range: START, message: `${what}: ${rel}` }];
}
