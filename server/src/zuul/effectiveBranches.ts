// Whether a job stanza or project-pipeline variant applies on a branch
// (reference §3.5): an explicit `branches` matcher wins; else the file's
// pragma; else a config project's stanzas apply everywhere and an untrusted
// project's apply on the branch they are read from. The open files are one
// checkout, so that branch is taken to be the one asked about, and the answer
// says so rather than guessing silently.
import { isScalar } from 'yaml';
import type { JobStanza } from './stanzas';
import type { ParsedFile } from './parse';
import { entries } from './yamlNodes';
import { matcherPatterns, matchesAtStart, type MatcherPattern } from './matchers';

export interface BranchVerdict {
  applies: boolean;
  /** Why it may not apply, where that is not known. */
  onlyIf?: string;
  /** Why it does not apply. */
  why?: string;
  /** It applies by an implied matcher: on the branch its file is read from, taken to be the one asked about. */
  implied?: boolean;
}

const describe = (ms: MatcherPattern[]) => ms.map((m) => (m.negate ? `not ${m.pattern}` : m.pattern)).join(', ');

/** Zuul matches branch patterns at the start of the name; any pattern of the list may match. */
function evaluate(ms: MatcherPattern[], branch: string | undefined, what: string): BranchVerdict {
  if (!ms.length) return { applies: true };
  if (branch === undefined) return { applies: true, onlyIf: `only on branches matching ${describe(ms)} (${what}; no branch given)` };
  for (const m of ms) {
    const hit = matchesAtStart(m.pattern, m.negate, branch);
    if (hit === undefined) return { applies: true, onlyIf: `${what} ${m.pattern} is not RE2; whether it matches ${branch} is not known` };
    if (hit) return { applies: true };
  }
  return { applies: false, why: `${what} ${describe(ms)} does not match ${branch}` };
}

type Pragma = { implied?: boolean; branches?: MatcherPattern[] };

// A file's pragma holds for every stanza of it: read once per parsed file.
const pragmaCache = new WeakMap<ParsedFile, Pragma>();

function pragmaOf(file: ParsedFile): Pragma {
  let hit = pragmaCache.get(file);
  if (!hit) pragmaCache.set(file, (hit = readPragma(file)));
  return hit;
}

function readPragma(file: ParsedFile): Pragma {
  const out: Pragma = {};
  for (const item of file.items) {
    if (item.kind !== 'pragma' || !item.body) continue;
    for (const e of entries(file.doc, item.body)) {
      if (e.key === 'implied-branch-matchers' && isScalar(e.value) && typeof e.value.value === 'boolean') out.implied = e.value.value;
      if (e.key === 'implied-branches') out.branches = matcherPatterns(file, e.value);
    }
  }
  return out;
}

/**
 * Whether `stanza` applies on `branch` (undefined: no branch asked for).
 * `trusted` says whether its repo is a config project, undefined when not known.
 */
export function stanzaApplies(stanza: JobStanza, branch: string | undefined, trusted: boolean | undefined): BranchVerdict {
  const file = stanza.def.file;
  const own = stanza.body ? entries(file.doc, stanza.body).find((e) => e.key === 'branches') : undefined;
  if (own) return evaluate(matcherPatterns(file, own.value), branch, 'its branches');
  if (stanza.kind === 'variant') {
    const project = entries(file.doc, stanza.def.item.body).find((e) => e.key === 'branches');
    if (project) return evaluate(matcherPatterns(file, project.value), branch, `the ${stanza.def.kind} stanza's branches`);
  }
  const pragma = pragmaOf(file);
  if (pragma.implied === false) return { applies: true };
  if (pragma.branches) return evaluate(pragma.branches, branch, "the file's pragma implied-branches");
  if (trusted === true && pragma.implied !== true) return { applies: true };
  return { applies: true, implied: branch !== undefined };
}
