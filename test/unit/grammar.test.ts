// The TextMate grammar (syntaxes/zuul.tmLanguage.json): valid JSON, every
// regex compiles, every include resolves, and the Zuul-specific rules match
// the lines they are for (and not their look-alikes).
//
// VS Code runs the grammar with Oniguruma; here the regexes run as JS RegExps.
// The grammar keeps to the common subset, except for `\G` (the position where
// the enclosing rule's begin/while match ended; for the attribute lines that
// is the start of the line), which is translated.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The folder of our package.json, from test/unit (sources) or out/test/unit (compiled). */
function projectRoot(): string {
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'zuul-authoring') return dir;
  }
  throw new Error(`no zuul-authoring package.json above ${__dirname}`);
}

interface Capture {
  name?: string;
  patterns?: Rule[];
}
interface Rule {
  name?: string;
  contentName?: string;
  match?: string;
  begin?: string;
  end?: string;
  while?: string;
  include?: string;
  captures?: Record<string, Capture>;
  beginCaptures?: Record<string, Capture>;
  endCaptures?: Record<string, Capture>;
  whileCaptures?: Record<string, Capture>;
  patterns?: Rule[];
}
interface Grammar extends Rule {
  scopeName: string;
  repository: Record<string, Rule>;
  injections?: Record<string, Rule>;
}

const grammarPath = join(projectRoot(), 'syntaxes', 'zuul.tmLanguage.json');
const grammar = JSON.parse(readFileSync(grammarPath, 'utf8')) as Grammar;
const repo = grammar.repository;

/** Oniguruma -> JS for the constructs the grammar may use. `\G` becomes `^` (see the header). */
function toJs(onig: string): string {
  let out = '';
  for (let i = 0; i < onig.length; i++) {
    const c = onig[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = onig[i + 1];
    i++;
    if (n === 'G' || n === 'A') out += '^';
    else if (n === 'z' || n === 'Z') out += '$';
    else if (n === 'h') out += '[0-9A-Fa-f]';
    else out += `\\${n}`;
  }
  // Possessive quantifiers and atomic groups only prevent backtracking; dropping
  // them keeps the language the same for our patterns.
  return out.replace(/([*+?}])\+/g, '$1').replace(/\(\?>/g, '(?:');
}

const re = (onig: string, flags = '') => new RegExp(toJs(onig), flags);

/** Every rule object in the grammar, with where it sits. */
function allRules(): { where: string; rule: Rule }[] {
  const out: { where: string; rule: Rule }[] = [];
  const visit = (rule: Rule, where: string) => {
    out.push({ where, rule });
    rule.patterns?.forEach((p, i) => visit(p, `${where}.patterns[${i}]`));
    for (const key of ['captures', 'beginCaptures', 'endCaptures', 'whileCaptures'] as const) {
      for (const [k, cap] of Object.entries(rule[key] ?? {})) cap.patterns?.forEach((p, i) => visit(p, `${where}.${key}.${k}.patterns[${i}]`));
    }
  };
  visit(grammar, '$self');
  for (const [name, rule] of Object.entries(repo)) visit(rule, `#${name}`);
  for (const [sel, rule] of Object.entries(grammar.injections ?? {})) visit(rule, `injection ${sel}`);
  return out;
}

const groupCount = (onig: string) => (new RegExp(`${toJs(onig)}|`).exec('') as RegExpExecArray).length - 1;

/** Runs a `match` rule (or a begin) on a line and returns the text of each named capture. */
function scopesOf(rule: Rule, line: string, which: 'match' | 'begin' = 'match'): Map<string, string> | undefined {
  const src = which === 'match' ? rule.match : rule.begin;
  assert.ok(src, `rule has no ${which}`);
  const m = re(src).exec(line);
  if (!m) return undefined;
  const caps = (which === 'match' ? rule.captures : rule.beginCaptures) ?? {};
  const out = new Map<string, string>();
  for (const [k, cap] of Object.entries(caps)) {
    const text = m[Number(k)];
    if (text !== undefined && cap.name) for (const scope of cap.name.split(/\s+/)) out.set(scope, text);
  }
  return out;
}

const FUNCTION = 'entity.name.function.zuul';
const ITEM = 'keyword.other.zuul.item';
const TAG = 'storage.type.tag.zuul';

test('the grammar is JSON with scopeName source.zuul that builds on source.yaml', () => {
  assert.equal(grammar.scopeName, 'source.zuul');
  assert.ok(Array.isArray(grammar.patterns) && grammar.patterns.length > 0);
  const includes = allRules().map((r) => r.rule.include);
  assert.ok(includes.includes('source.yaml'), 'YAML itself comes from VS Code\'s source.yaml grammar');
});

test('every match/begin/end/while regex compiles', () => {
  let n = 0;
  for (const { where, rule } of allRules()) {
    for (const key of ['match', 'begin', 'end', 'while'] as const) {
      const src = rule[key];
      if (src === undefined) continue;
      n++;
      assert.equal(typeof src, 'string', `${where}.${key}`);
      assert.doesNotThrow(() => re(src), `${where}.${key}: ${src}`);
      assert.doesNotMatch(src, /\\x\{|\\p\{|\(\?[imx-]+[:)]|\\[kg]</, `${where}.${key} uses Oniguruma-only syntax`);
    }
  }
  assert.ok(n > 20, `only ${n} regexes found`);
});

test('captures name groups that exist, and every rule is well-formed', () => {
  for (const { where, rule } of allRules()) {
    if (rule.include) {
      assert.equal(Object.keys(rule).length, 1, `${where}: an include rule has nothing else`);
      continue;
    }
    if (rule.begin) assert.ok(rule.end !== undefined || rule.while !== undefined, `${where}: begin without end or while`);
    if (rule.end !== undefined || rule.while !== undefined) assert.ok(rule.begin, `${where}: end/while without begin`);
    const pairs: [string | undefined, Record<string, Capture> | undefined][] = [
      [rule.match, rule.captures],
      [rule.begin, rule.beginCaptures ?? (rule.begin ? rule.captures : undefined)],
    ];
    for (const [src, caps] of pairs) {
      if (!src || !caps) continue;
      const groups = groupCount(src);
      for (const k of Object.keys(caps)) assert.ok(Number(k) <= groups, `${where}: capture ${k} but the regex has ${groups} groups`);
    }
  }
});

test('every local include points into the repository', () => {
  for (const { where, rule } of allRules()) {
    const inc = rule.include;
    if (!inc) continue;
    if (inc.startsWith('#')) assert.ok(repo[inc.slice(1)], `${where}: ${inc} is not in the repository`);
    else assert.ok(inc === '$self' || inc === '$base' || /^source\.yaml(#.*)?$/.test(inc), `${where}: unexpected external include ${inc}`);
  }
});

test('the item key pattern matches - job: and - project-template:, not - jobs:', () => {
  const items = Object.entries(repo).filter(([name]) => name.startsWith('item-') && name !== 'item-name');
  assert.ok(items.length > 0);
  const itemKey = (line: string) => {
    for (const [, rule] of items) {
      const s = scopesOf(rule, line, 'begin');
      if (s?.has(ITEM)) return s.get(ITEM);
    }
    return undefined;
  };
  for (const kind of ['job', 'project', 'project-template', 'nodeset', 'secret', 'semaphore', 'queue', 'pragma', 'pipeline']) {
    assert.equal(itemKey(`- ${kind}:`), kind, `- ${kind}:`);
  }
  assert.equal(itemKey('- job:   # the bootstrap job'), 'job');
  assert.equal(itemKey('-   job:'), 'job');
  for (const line of ['- jobs:', '- job_x:', '- projects:', '  - job:', '- job: foo', 'job:', '- name: job', '- project-templates:']) {
    assert.equal(itemKey(line), undefined, line);
  }
  // The rest of the item is everything indented below it.
  const job = repo['item-job'];
  assert.ok(re(job.while!).test('    name: x'));
  assert.ok(re(job.while!).test(''));
  assert.ok(!re(job.while!).test('- job:'));
});

test('name: directly under - job: is a job name', () => {
  const job = repo['item-job'];
  assert.ok(job.patterns?.some((p) => p.include === '#item-name'), 'item-job uses #item-name');
  assert.ok(re(job.while!).test('    name: infra-prod-bootstrap-bridge'), 'the name line stays inside the job');
  const s = scopesOf(repo['item-name'], '    name: infra-prod-bootstrap-bridge');
  assert.equal(s?.get(FUNCTION), 'infra-prod-bootstrap-bridge');
  assert.equal(s?.get('entity.name.tag.yaml'), 'name');
  assert.equal(scopesOf(repo['item-name'], '    name: "quoted-job"  # c')?.get(FUNCTION), '"quoted-job"');
  assert.equal(scopesOf(repo['item-name'], '    name: infra-prod-x # comment')?.get(FUNCTION), 'infra-prod-x');
  assert.equal(scopesOf(repo['item-name'], '    names: x'), undefined);
  assert.equal(scopesOf(repo['item-name'], '    name: &anchor x'), undefined, 'anything fancy is left to YAML');
});

test('parent: values are job names, parent: null is not', () => {
  assert.equal(scopesOf(repo.parent, '    parent: infra-prod-playbook')?.get(FUNCTION), 'infra-prod-playbook');
  assert.equal(scopesOf(repo.parent, '    parent: null'), undefined);
  assert.ok(repo['item-job'].patterns?.some((p) => p.include === '#parent'));
});

test('dependencies: names in block lists, flow lists and single values', () => {
  const deps = repo.dependencies;
  assert.ok(re(deps.begin!).test('    dependencies:'));
  assert.ok(re(deps.begin!).test('            dependencies: [a, b]'));
  assert.ok(!re(deps.begin!).test('    dependencies_x:'));
  const [entryName, entryPlain] = repo['job-list-entry'].patterns!;
  assert.equal(scopesOf(entryPlain, '      - infra-prod-bootstrap-bridge')?.get(FUNCTION), 'infra-prod-bootstrap-bridge');
  assert.equal(scopesOf(entryPlain, '      - infra-prod-base  # first')?.get(FUNCTION), 'infra-prod-base');
  assert.equal(scopesOf(entryName, '      - name: infra-prod-letsencrypt')?.get(FUNCTION), 'infra-prod-letsencrypt');
  assert.equal(scopesOf(entryPlain, '      - name: infra-prod-letsencrypt'), undefined, 'a mapping entry is not a plain name');
  assert.equal(scopesOf(repo['inline-job-name'], ' infra-prod-bootstrap-bridge')?.get(FUNCTION), 'infra-prod-bootstrap-bridge');
  const flow = repo['flow-job-list'];
  const flowName = flow.patterns!.find((p) => p.match && p.captures && Object.values(p.captures).some((c) => c.name?.includes(FUNCTION)) && !p.match.startsWith('(name)'))!;
  const names = [...'a, infra-prod-b ,c]'.matchAll(re(flowName.match!, 'g'))].map((m) => m[0]);
  assert.deepEqual(names, ['a', 'infra-prod-b', 'c']);
});

test('Zuul YAML tags are marked everywhere through an injection', () => {
  const tag = repo['zuul-tag'];
  assert.equal(tag.name, TAG);
  const injected = Object.values(grammar.injections ?? {}).flatMap((r) => r.patterns ?? []);
  assert.ok(injected.some((p) => p.include === '#zuul-tag'));
  const find = (line: string) => re(tag.match!).exec(line)?.[0];
  assert.equal(find('      password: !encrypted/pkcs1-oaep'), '!encrypted/pkcs1-oaep');
  assert.equal(find('    tags: !inherit [a]'), '!inherit');
  assert.equal(find('    vars: !override'), '!override');
  assert.equal(find('    vars: !unsafe x'), undefined);
  assert.equal(find('    name: a!inherit'), undefined);
});

test('the grammar file is where package.json says', () => {
  const pkg = JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as {
    contributes?: { grammars?: { language?: string; scopeName: string; path: string }[] };
  };
  const g = pkg.contributes?.grammars?.find((x) => x.scopeName === 'source.zuul');
  assert.ok(g, 'package.json contributes the source.zuul grammar');
  assert.equal(g.language, 'zuul');
  assert.ok(existsSync(join(projectRoot(), g.path)));
});
