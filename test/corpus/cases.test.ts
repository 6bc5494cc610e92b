// The real mistakes of ../shared/corpus/cases: every `only_in_buggy` entry of
// index.json must be reported on the buggy snapshot at its file and line, and
// the same rule must not report the same value in the same job on the clean
// one. Each state is loaded alone, as Zuul's tenant would see that repo, with
// no settings beyond the corpus's own (zuul-tests.d/ for zuul-jobs): the
// playbook_name case is found by inference, not by configuration.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { ZuulWorkspace } from '../../server/src/engine/workspace';
import type { Finding } from '../../server/src/zuul/types';
import { configFilesOf, corpusDir, corpusSettings, materialize } from '../helpers/corpus';

interface Entry {
  kind: string;
  file: string;
  detail: string;
}

interface Case {
  id: string;
  summary: string;
  only_in_buggy: Entry[];
  buggy_folder: string;
  clean_folder: string;
}

/** The rules that report each kind of index.json issue. */
const RULES: Record<string, string[]> = {
  'playbook-missing': ['playbook-not-found', 'playbook-extension-missing'],
  'dead-matcher': ['files-matcher-matches-nothing'],
  'playbook-name-var-missing': ['playbook-variable-not-found'],
  'dup-key': ['duplicate-key'],
};

/** What an entry's `detail` says: the job, the key (attribute or variable) and the value. */
interface Subject {
  job: string;
  key: string;
  value?: string;
}

function parseDetail(kind: string, detail: string): Subject {
  let m: RegExpExecArray | null;
  switch (kind) {
    case 'dead-matcher':
      m = /^job (\S+) (files|irrelevant-files): (.+)$/.exec(detail);
      if (m) return { job: m[1], key: m[2], value: m[3] };
      break;
    case 'playbook-missing':
      m = /^(\S+) (pre-run|run|post-run|cleanup-run): (.+)$/.exec(detail);
      if (m) return { job: m[1], key: m[2], value: m[3] };
      break;
    case 'playbook-name-var-missing':
      m = /^(\S+) vars\.(\w+): (.+)$/.exec(detail);
      if (m) return { job: m[1], key: m[2], value: m[3] };
      break;
    case 'dup-key':
      m = /^(\S+) \(in (\S+)\)$/.exec(detail);
      if (m) return { job: m[2], key: m[1] };
      break;
  }
  throw new Error(`cannot read the detail of a ${kind} entry: ${detail}`);
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const indentOf = (l: string) => /^ */.exec(l)![0].length;

/** A scalar as written: without quotes and a trailing comment. */
function unquote(s: string): string {
  const t = s.replace(/\s+#.*$/, '').trim();
  const q = /^(['"])(.*)\1$/.exec(t);
  return q ? (q[1] === "'" ? q[2].replace(/''/g, "'") : q[2].replace(/\\\\/g, '\\')) : t;
}

/** 0-based [first, end) lines of the `- job:` item named `job`. */
function jobStanzaLines(lines: string[], job: string): [number, number] | undefined {
  for (let i = 0; i < lines.length; i++) {
    if (!/^- job:\s*$/.test(lines[i])) continue;
    let end = i + 1;
    while (end < lines.length && !/^(?!#)\S/.test(lines[end])) end++;
    const first = lines.slice(i + 1, end).find((l) => l.trim() && !l.trim().startsWith('#'));
    if (!first) continue;
    const attr = new RegExp(`^ {${indentOf(first)}}name:\\s*(.+)$`);
    for (let j = i + 1; j < end; j++) {
      const m = attr.exec(lines[j]);
      if (m && unquote(m[1]) === job) return [i, end];
    }
  }
  return undefined;
}

/**
 * 1-based line of `value` under `key` inside the stanza: on the key's own line
 * (`run: x`, `playbook_name: x`) or an item below it (`- x`, `- name: x`, `- regex: x`).
 * Without a value: the line of the key's second occurrence (a duplicate key).
 */
function lineOf(lines: string[], [s, e]: [number, number], key: string, value?: string): number | undefined {
  const keyRe = new RegExp(`^(\\s*)(- )?${esc(key)}:(?:\\s+(.*))?$`);
  let seen = 0;
  for (let i = s + 1; i < e; i++) {
    const m = keyRe.exec(lines[i]);
    if (!m) continue;
    if (value === undefined) {
      if (++seen === 2) return i + 1;
      continue;
    }
    if (m[3] !== undefined && unquote(m[3]) === value) return i + 1;
    const indent = m[1].length + (m[2] ? 2 : 0);
    for (let j = i + 1; j < e; j++) {
      const l = lines[j];
      if (!l.trim() || l.trim().startsWith('#')) continue;
      const ind = indentOf(l);
      if (ind < indent || (ind === indent && !l.trimStart().startsWith('- '))) break;
      const v = /^\s*(?:- )?(?:(?:regex|name):\s*)?(.*?)\s*$/.exec(l)![1];
      if (unquote(v) === value) return j + 1;
    }
  }
  return undefined;
}

const NO_CORPUS = 'corpus not found at ../shared/corpus (it is read at run time, never copied into the project)';
const toPosix = (p: string) => p.split(sep).join('/');

interface Loaded {
  root: string;
  findings: (Finding & { rel: string; line: number })[];
  text(file: string): string[];
}

const loaded = new Map<string, Promise<Loaded>>();

function load(folder: string): Promise<Loaded> {
  let p = loaded.get(folder);
  if (!p) {
    p = (async () => {
      const root = materialize(folder);
      const ws = new ZuulWorkspace([root], corpusSettings([folder]));
      await ws.load();
      const findings: Loaded['findings'] = [];
      for (const [file, list] of ws.allFindings()) for (const f of list) findings.push({ ...f, rel: toPosix(relative(root, file)), line: f.range.start.line + 1 });
      return { root, findings, text: (file: string) => readFileSync(join(root, file), 'utf8').split(/\r?\n/) };
    })();
    loaded.set(folder, p);
  }
  return p;
}

/** The config file and stanza of `job` in a folder: in `file` when it still exists, else in any config file. */
function locate(folder: string, state: Loaded, file: string, job: string): { file: string; lines: string[]; stanza: [number, number] } | undefined {
  const candidates = [file, ...configFilesOf(folder).filter((f) => f !== file && f.endsWith('.yaml'))];
  for (const f of candidates) {
    if (!existsSync(join(state.root, f))) continue;
    const lines = state.text(f);
    const stanza = jobStanzaLines(lines, job);
    if (stanza) return { file: f, lines, stanza };
  }
  return undefined;
}

/** Does a finding concern this job and value (by its data, whatever its line)? */
function sameSubject(f: Finding, subject: Subject): boolean {
  const d = (f.data ?? {}) as { job?: string; jobs?: string[]; pattern?: string; path?: string };
  const jobs = d.jobs ?? (d.job ? [d.job] : []);
  if (!jobs.includes(subject.job) || subject.value === undefined) return false;
  return [d.pattern, d.path].some((v) => v === subject.value || (typeof v === 'string' && v.endsWith(`/${subject.value}`)));
}

const corpus = corpusDir();
const cases: Case[] = corpus ? (JSON.parse(readFileSync(join(corpus, 'index.json'), 'utf8')) as { cases: Case[] }).cases : [];

if (!corpus) test('corpus cases', (t) => t.skip(NO_CORPUS));

for (const c of cases) {
  test(`case ${c.id}: each only_in_buggy issue is reported on ${c.buggy_folder} at its line, and not on ${c.clean_folder}`, async () => {
    const buggy = await load(c.buggy_folder);
    const clean = await load(c.clean_folder);
    const missing: string[] = [];
    const stillThere: string[] = [];
    for (const entry of c.only_in_buggy) {
      const rules = RULES[entry.kind];
      assert.ok(rules, `no rule maps the kind ${entry.kind}`);
      const subject = parseDetail(entry.kind, entry.detail);
      const lines = buggy.text(entry.file);
      const stanza = jobStanzaLines(lines, subject.job);
      assert.ok(stanza, `${c.buggy_folder}/${entry.file}: no job stanza ${subject.job}`);
      const line = lineOf(lines, stanza, subject.key, subject.value);
      assert.ok(line, `${c.buggy_folder}/${entry.file}: ${entry.detail} not found in the job's stanza`);
      const hit = buggy.findings.find((f) => rules.includes(f.rule) && f.rel === entry.file && f.line === line);
      if (!hit) missing.push(`${entry.file}:${line} ${entry.kind} ${entry.detail}`);

      // The clean state: nothing at the job's same key and value (wherever the fix moved the
      // job: zuul-jobs renamed the file of the lint-rules case), nor about that job and value.
      const where = locate(c.clean_folder, clean, entry.file, subject.job);
      const cleanLine = where ? lineOf(where.lines, where.stanza, subject.key, subject.value) : undefined;
      const inStanza = (l: number) => !!where && l > where.stanza[0] && l <= where.stanza[1];
      const same = clean.findings.filter(
        (f) =>
          rules.includes(f.rule) &&
          (sameSubject(f, subject) || (f.rel === where?.file && (f.line === cleanLine || (subject.value === undefined && inStanza(f.line))))),
      );
      for (const f of same) stillThere.push(`${f.rel}:${f.line} ${f.rule}: ${f.message}`);
    }
    assert.deepEqual({ missing, stillThere }, { missing: [], stillThere: [] }, `${c.id}: ${c.summary}`);
  });
}

test('the oracle reads index.json details the way they are written', () => {
  assert.deepEqual(parseDetail('dead-matcher', 'job a files: ^/.rules/.*'), { job: 'a', key: 'files', value: '^/.rules/.*' });
  assert.deepEqual(parseDetail('dup-key', 'nodeset (in legacy-x)'), { job: 'legacy-x', key: 'nodeset' });
  const lines = ['- job:', '    name: a', '    files:', '      - "x/"', '    run: p.yaml', '    nodeset: n', '    nodeset: m', '- job:', '    name: b'];
  const s = jobStanzaLines(lines, 'a')!;
  assert.deepEqual(s, [0, 7]);
  assert.equal(lineOf(lines, s, 'files', 'x/'), 4);
  assert.equal(lineOf(lines, s, 'run', 'p.yaml'), 5);
  assert.equal(lineOf(lines, s, 'nodeset'), 7);
});
