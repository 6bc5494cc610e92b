// Whether a job stanza or project-pipeline variant applies on a branch
// (reference §3.5): an explicit `branches` matcher wins; else the file's
// pragma; else a config project's stanzas apply everywhere and an untrusted
// project's apply on the branch they are read from. The open files are one
// checkout, so that branch is taken to be the one asked about, and the answer
// says so rather than guessing silently.
import { isMap, isScalar, isSeq } from 'yaml';
import type { JobStanza } from './stanzas';
import type { ParsedFile } from './parse';
import { entries, resolve, str, type YNode } from './yamlNodes';
import { negatedEquivalent, re2 } from './regex';

export interface BranchVerdict {
  applies: boolean;
  /** Why it may not apply, where that is not known. */
  onlyIf?: string;
  /** Why it does not apply. */
  why?: string;
  /** It applies by an implied matcher: on the branch its file is read from, taken to be the one asked about. */
  implied?: boolean;
}

interface Matcher {
  regex: string;
  negate: boolean;
}

function matchers(file: ParsedFile, node: YNode | null | undefined): Matcher[] {
  const doc = file.doc;
  const list = isSeq(node) ? node.items.map((i) => resolve(doc, i)) : [resolve(doc, node)];
  const out: Matcher[] = [];
  for (const n of list) {
    const s = str(n);
    if (s !== undefined) out.push({ regex: s, negate: false });
    else if (isMap(n)) {
      const es = entries(doc, n);
      const regex = str(es.find((e) => e.key === 'regex')?.value);
      const neg = es.find((e) => e.key === 'negate')?.value;
      if (regex !== undefined) out.push({ regex, negate: isScalar(neg) && neg.value === true });
    }
  }
  return out;
}

const describe = (ms: Matcher[]) => ms.map((m) => (m.negate ? `not ${m.regex}` : m.regex)).join(', ');

/** Zuul matches branch patterns at the start of the name; any pattern of the list may match. */
function evaluate(ms: Matcher[], branch: string | undefined, what: string): BranchVerdict {
  if (!ms.length) return { applies: true };
  if (branch === undefined) return { applies: true, onlyIf: `only on branches matching ${describe(ms)} (${what}; no branch given)` };
  for (const m of ms) {
    // Zuul reads a pattern RE2 rejects with Python's re; the old `^(?!X).*$` idiom is `^X` negated.
    const neg = re2(m.regex) ? undefined : negatedEquivalent(m.regex);
    const re = re2(neg ?? m.regex);
    if (!re) return { applies: true, onlyIf: `${what} ${m.regex} is not RE2; whether it matches ${branch} is not known` };
    if (re.matcher(branch).lookingAt() !== (m.negate !== (neg !== undefined))) return { applies: true };
  }
  return { applies: false, why: `${what} ${describe(ms)} does not match ${branch}` };
}

type Pragma = { implied?: boolean; branches?: Matcher[] };

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
      if (e.key === 'implied-branches') out.branches = matchers(file, e.value);
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
  if (own) return evaluate(matchers(file, own.value), branch, 'its branches');
  if (stanza.kind === 'variant') {
    const project = entries(file.doc, stanza.def.item.body).find((e) => e.key === 'branches');
    if (project) return evaluate(matchers(file, project.value), branch, `the ${stanza.def.kind} stanza's branches`);
  }
  const pragma = pragmaOf(file);
  if (pragma.implied === false) return { applies: true };
  if (pragma.branches) return evaluate(pragma.branches, branch, "the file's pragma implied-branches");
  if (trusted === true && pragma.implied !== true) return { applies: true };
  return { applies: true, implied: branch !== undefined };
}
