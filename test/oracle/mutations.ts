// Seeded mutations of a world's configuration: one mistake at a time, of the
// kinds people make (a renamed or deleted definition, a changed parent, a
// typo'd attribute, a wrong type, a dependency on a job the pipeline does not
// run, a dependency cycle, a duplicate definition, a YAML 1.1 boolean).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { BuiltWorld } from './worlds';

export interface Mutation {
  kind: string;
  /** World-relative file the mutation rewrites. */
  file: string;
  text: string;
  what: string;
  /** Zuul reports this kind only when it freezes a job graph. */
  freeze: boolean;
}

type ScalarPair = Pair<Scalar, Scalar> & { value: Scalar };

interface Edit {
  start: number;
  end: number;
  insert: string;
}

interface Stanza {
  file: string;
  source: string;
  kind: string;
  body: YAMLMap;
  /** Offsets of the whole list item, from its line's start to its content's end. */
  start: number;
  end: number;
  lc: LineCounter;
}

const CONFIG = /^(zuul\.yaml|\.zuul\.yaml|zuul\.d\/.*\.yaml|\.zuul\.d\/.*\.yaml|zuul-tests\.d\/.*\.yaml)$/;

function configFiles(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const n of readdirSync(join(dir, rel)).sort()) {
    const r = rel ? `${rel}/${n}` : n;
    if (n === '.git') continue;
    if (statSync(join(dir, r)).isDirectory()) {
      if (!rel && !['zuul.d', '.zuul.d', 'zuul-tests.d'].includes(n)) continue;
      out.push(...configFiles(dir, r));
    } else if (CONFIG.test(r)) out.push(r);
  }
  return out;
}

function readStanzas(world: BuiltWorld): Stanza[] {
  const out: Stanza[] = [];
  for (const project of world.repos) {
    const dir = world.projects.get(project)!;
    for (const rel of configFiles(dir)) {
      const source = readFileSync(join(dir, rel), 'utf8');
      const lc = new LineCounter();
      const doc = parseDocument(source, { lineCounter: lc, uniqueKeys: false });
      if (doc.errors.length || !isSeq(doc.contents)) continue;
      for (const item of doc.contents.items) {
        if (!isMap(item) || item.items.length !== 1) continue;
        const pair = item.items[0];
        if (!isScalar(pair.key) || !isMap(pair.value) || !item.range) continue;
        const lineStart = source.lastIndexOf('\n', item.range[0] - 1) + 1;
        out.push({ file: `${project}/${rel}`, source, kind: String(pair.key.value), body: pair.value, start: lineStart, end: item.range[1], lc });
      }
    }
  }
  return out;
}

const nameOf = (s: Stanza) => {
  const n = s.body.get('name');
  return typeof n === 'string' ? n : undefined;
};
const scalarPair = (s: Stanza, key: string): ScalarPair | undefined =>
  s.body.items.find((p): p is ScalarPair => isScalar(p.key) && p.key.value === key && isScalar(p.value) && !!p.value.range);

function apply(source: string, edits: Edit[]): string {
  let out = source;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.insert + out.slice(e.end);
  return out;
}

/** A random number generator that gives the same mutations on every machine. */
function rng(seed: string): () => number {
  let h = 2166136261;
  for (const c of seed) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return () => {
    h = Math.imul(h ^ (h >>> 15), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    return ((h ^= h >>> 16) >>> 0) / 4294967296;
  };
}

function pick<T>(list: T[], n: number, random: () => number): T[] {
  const rest = [...list];
  const out: T[] = [];
  while (out.length < n && rest.length) out.push(rest.splice(Math.floor(random() * rest.length), 1)[0]);
  return out;
}

type Candidate = { file: string; source: string; edits: Edit[]; what: string };
/** `stanzas`: those a mutation may edit; `all`: every stanza Zuul accepts; `world`: its projects. */
type Generator = (stanzas: Stanza[], all: Stanza[], world: BuiltWorld) => Candidate[];

const DEFINITIONS = ['job', 'nodeset', 'secret', 'project-template', 'semaphore'];

/** The name scalar with a suffix inside its quotes, if any. */
function renamed(s: Stanza): Edit | undefined {
  const p = scalarPair(s, 'name');
  if (!p?.value.range) return undefined;
  const [a, b] = p.value.range;
  const quoted = /["']/.test(s.source[b - 1]) && s.source[a] === s.source[b - 1];
  const at = quoted ? b - 1 : b;
  return { start: at, end: at, insert: '-renamed' };
}

const kindsOf = (kind: string): [string, Generator][] => [
  [
    `rename-${kind}`,
    (all) =>
      all.filter((s) => s.kind === kind && nameOf(s)).flatMap((s) => {
        const e = renamed(s);
        return e ? [{ file: s.file, source: s.source, edits: [e], what: `${kind} ${nameOf(s)} renamed to ${nameOf(s)}-renamed` }] : [];
      }),
  ],
  [
    `delete-${kind}`,
    (all) => all.filter((s) => s.kind === kind && nameOf(s)).map((s) => ({ file: s.file, source: s.source, edits: [{ start: s.start, end: lineEnd(s.source, s.end), insert: '' }], what: `${kind} ${nameOf(s)} deleted` })),
  ],
];

const lineEnd = (source: string, at: number) => {
  const nl = source.indexOf('\n', at > 0 ? at - 1 : 0);
  return nl < 0 ? source.length : nl + 1;
};

/** Plain job names of block-sequence job lists in project stanzas: [stanza, pipeline, scalars]. */
function pipelineLists(all: Stanza[]): { s: Stanza; pipeline: string; jobs: Scalar[] }[] {
  const out: { s: Stanza; pipeline: string; jobs: Scalar[] }[] = [];
  for (const s of all.filter((x) => x.kind === 'project')) {
    for (const p of s.body.items) {
      if (!isScalar(p.key) || !isMap(p.value)) continue;
      const jobs = p.value.get('jobs', true);
      if (!isSeq(jobs) || jobs.flow) continue;
      const plain = jobs.items.filter((j): j is Scalar => isScalar(j) && typeof j.value === 'string' && !!j.range && j.type === 'PLAIN');
      if (plain.length) out.push({ s, pipeline: String(p.key.value), jobs: plain });
    }
  }
  return out;
}

/** Jobs a new project stanza can run: accepted, concrete, with their own run playbook and nothing that filters them out. */
function runnableJobs(all: Stanza[]): string[] {
  const byName = new Map<string, Stanza[]>();
  for (const s of all.filter((x) => x.kind === 'job')) {
    const n = nameOf(s);
    if (n) byName.set(n, [...(byName.get(n) ?? []), s]);
  }
  const filters = ['files', 'irrelevant-files', 'branches', 'abstract', 'final', 'protected', 'intermediate', 'allowed-projects', 'post-review'];
  return [...byName]
    .filter(([, v]) => v.length === 1 && v[0].body.has('run') && v[0].body.has('parent') && !filters.some((k) => v[0].body.has(k)))
    .map(([n]) => n)
    .sort();
}

/**
 * A new project stanza in the config project that defines the pipelines, for a
 * tenant project that has none (its graphs start clean even where every other
 * project stanza is rejected), running `jobs` with the given dependencies.
 */
function newProjectStanza(all: Stanza[], world: BuiltWorld, jobs: [string, string[]][], what: string): Candidate[] {
  const pipelines = all.filter((s) => s.kind === 'pipeline' && nameOf(s));
  const pipeline = pipelines.find((s) => nameOf(s) === 'check') ?? pipelines[0];
  const empty = [...world.projects.keys()].filter((p) => !world.repos.includes(p)).sort()[0];
  if (!pipeline || !empty) return [];
  const list = jobs.map(([j, deps]) => (deps.length ? `          - ${j}:\n              dependencies: [${deps.join(', ')}]\n` : `          - ${j}\n`)).join('');
  const text = `${pipeline.source.endsWith('\n') ? '' : '\n'}- project:\n    name: ${empty}\n    ${nameOf(pipeline)}:\n      jobs:\n${list}`;
  const at = pipeline.source.length;
  return [{ file: pipeline.file, source: pipeline.source, edits: [{ start: at, end: at, insert: text }], what: `a new project stanza for ${empty} in ${nameOf(pipeline)}: ${what}` }];
}

function withDependencies(s: Stanza, job: Scalar, deps: string[]): Edit {
  const [a, b] = job.range!;
  const column = s.lc.linePos(a).col - 1;
  return { start: a, end: b, insert: `${String(job.value)}:\n${' '.repeat(column + 4)}dependencies: [${deps.join(', ')}]` };
}

const GENERATORS: [string, Generator, boolean][] = [
  ...DEFINITIONS.flatMap((k) => kindsOf(k).map(([n, g]): [string, Generator, boolean] => [n, g, false])),
  [
    'change-parent',
    (all) =>
      all.filter((s) => s.kind === 'job' && typeof scalarPair(s, 'parent')?.value.value === 'string').map((s) => {
        const v = scalarPair(s, 'parent')!.value;
        return { file: s.file, source: s.source, edits: [{ start: v.range![0], end: v.range![1], insert: 'no-such-parent-job' }], what: `parent of ${nameOf(s)} changed from ${String(v.value)} to no-such-parent-job` };
      }),
    false,
  ],
  [
    'typo-attribute',
    (all) =>
      all.filter((s) => s.kind === 'job').flatMap((s) =>
        s.body.items
          .filter((p): p is Pair<Scalar> => isScalar(p.key) && typeof p.key.value === 'string' && p.key.value.length > 3 && p.key.value !== 'name' && !!p.key.range)
          .map((p) => {
            const k = String(p.key.value);
            const i = Math.floor(k.length / 2);
            const typo = k[i] === k[i - 1] ? `${k}s` : k.slice(0, i - 1) + k[i] + k[i - 1] + k.slice(i + 1);
            return { file: s.file, source: s.source, edits: [{ start: p.key.range![0], end: p.key.range![1], insert: typo }], what: `attribute ${k} of ${nameOf(s)} written ${typo}` };
          }),
      ),
    false,
  ],
  [
    'wrong-type',
    (all) =>
      all.filter((s) => s.kind === 'job').flatMap((s) =>
        ['timeout', 'attempts', 'voting', 'abstract', 'final', 'protected', 'hold-following-changes', 'post-timeout']
          .map((k) => scalarPair(s, k))
          .filter((p): p is ScalarPair => !!p)
          .map((p) => ({ file: s.file, source: s.source, edits: [{ start: p.value.range![0], end: p.value.range![1], insert: 'sometimes' }], what: `${String(p.key.value)} of ${nameOf(s)} set to the string "sometimes"` })),
      ),
    false,
  ],
  [
    'yaml11-boolean',
    (all) =>
      all.filter((s) => s.kind === 'job').flatMap((s) =>
        s.body.items
          .filter((p): p is ScalarPair => isScalar(p.value) && typeof p.value.value === 'boolean' && p.value.type === 'PLAIN' && !!p.value.range)
          .map((p) => {
            const word = p.value.value ? 'yes' : 'no';
            return { file: s.file, source: s.source, edits: [{ start: p.value.range![0], end: p.value.range![1], insert: word }], what: `${String(p.key.value)} of ${nameOf(s)} written as the YAML 1.1 boolean ${word}` };
          }),
      ),
    false,
  ],
  [
    'duplicate-definition',
    (all) =>
      all.filter((s) => ['nodeset', 'secret', 'semaphore'].includes(s.kind) && nameOf(s)).map((s) => {
        const end = lineEnd(s.source, s.end);
        const copy = s.source.slice(s.start, end);
        return { file: s.file, source: s.source, edits: [{ start: end, end, insert: copy.endsWith('\n') ? copy : `\n${copy}\n` }], what: `${s.kind} ${nameOf(s)} defined twice` };
      }),
    false,
  ],
  [
    'dependency-not-in-pipeline',
    (frozen, all, world) => {
      const jobs = [...new Set(frozen.filter((s) => s.kind === 'job').map(nameOf).filter((n): n is string => !!n))].sort();
      const runnable = runnableJobs(all);
      const fresh = runnable.length >= 2 ? newProjectStanza(all, world, [[runnable[0], []], [runnable[1], [runnable[runnable.length - 1]]]], `${runnable[1]} depends on ${runnable[runnable.length - 1]}, which it does not run`) : [];
      return fresh.concat(pipelineLists(frozen).flatMap(({ s, pipeline, jobs: listed }) => {
        const names = new Set(listed.map((j) => String(j.value)));
        const other = jobs.find((j) => !names.has(j) && !/base|abstract/.test(j));
        if (!other) return [];
        const job = listed[0];
        return [{ file: s.file, source: s.source, edits: [withDependencies(s, job, [other])], what: `${String(job.value)} in ${pipeline} of ${nameOf(s) ?? 'the project'} depends on ${other}, which that pipeline does not run` }];
      }));
    },
    true,
  ],
  [
    'dependency-cycle',
    (frozen, all, world) => {
      const runnable = runnableJobs(all);
      const [a, b] = [runnable[1], runnable[2]];
      const fresh = a && b ? newProjectStanza(all, world, [[a, [b]], [b, [a]]], `${a} and ${b} depend on each other`) : [];
      return fresh.concat(pipelineLists(frozen)
        .filter((l) => l.jobs.length >= 2)
        .map(({ s, pipeline, jobs }) => {
          const [a, b] = [jobs[0], jobs[jobs.length - 1]];
          return { file: s.file, source: s.source, edits: [withDependencies(s, a, [String(b.value)]), withDependencies(s, b, [String(a.value)])], what: `${String(a.value)} and ${String(b.value)} depend on each other in ${pipeline}` };
        }));
    },
    true,
  ],
];

export const MUTATION_KINDS = GENERATORS.map(([k]) => k);

/** Up to `perKind` mutations of each kind, the same ones on every run. */
export function mutationsOf(
  world: BuiltWorld,
  worldName: string,
  perKind: number,
  freeze: boolean,
  rejected: (file: string, line0: number) => boolean,
  projectRejected: (project: string) => boolean,
): Mutation[] {
  // A stanza Zuul already rejects shows nothing new when it is edited: its first error hides the rest.
  const all = readStanzas(world).filter((s) => !rejected(s.file, s.lc.linePos(s.start).line - 1));
  // Nor does a job graph of a project with a rejected project stanza: Zuul freezes none of it.
  const frozen = all.filter((s) => !projectRejected(world.repos.find((p) => s.file.startsWith(`${p}/`)) ?? ''));
  const out: Mutation[] = [];
  for (const [kind, generate, needsFreeze] of GENERATORS) {
    if (needsFreeze && !freeze) continue;
    for (const c of pick(generate(needsFreeze ? frozen : all, all, world), perKind, rng(`${worldName}\0${kind}`))) {
      out.push({ kind, file: c.file, text: apply(c.source, c.edits), what: c.what, freeze: needsFreeze });
    }
  }
  return out;
}
