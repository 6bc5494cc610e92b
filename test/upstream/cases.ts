// The configuration errors Zuul's test_v3.py asserts: a test writes an
// in-repo configuration (textwrap.dedent strings in a files= dict of a fake
// change), lets Zuul report on the change, and asserts a text in the report.
// Each such (test, change, asserted texts) is a case; the tenant around it is
// the test class's tenant_config_file with its fixture repositories, or the
// test's @simple_layout, as tests/base.py builds them.
import { parseExpr, parseModule, dedent, pyFormat, type Expr, type LogicalLine, type PyClass, type PyModule } from './python';
import { parse, stringify } from 'yaml';
import { parseTenants, type Tenant } from './tenant';
import { layoutTenant, type Layout } from './layouts';
import { isConfigError } from './gists';

export interface Change {
  /** The Python variable, e.g. `A`. */
  id: string;
  project: string;
  branch: string;
  files: Map<string, string>;
  line: number;
  /** Changes this one depends on (setDependsOn, Depends-On footers). */
  deps: Change[];
  /** The project's files when the change was made, by project (commits of the test included). */
  base: Map<string, Map<string, string>>;
}

export interface Case {
  /** `Class.method` */
  test: string;
  /** 1-based line of the first assertion. */
  line: number;
  change: Change;
  /** The texts asserted to be in the change's report, in order. */
  texts: string[];
  tenant: Tenant;
  /** Connections the test's zuul.conf declares, name -> driver (for the oracle). */
  connections: Map<string, string>;
  /** The tenant config as Zuul's test loads it (for the oracle). */
  tenantConfig: string;
}

export interface Skipped {
  test: string;
  line: number;
  why: string;
}

type Value =
  | { k: 'str'; v: string }
  | { k: 'dict'; m: Map<string, Value> }
  | { k: 'change'; c: Change }
  | { k: 'messages'; c: Change }
  | { k: 'none' }
  | { k: 'opaque'; why: string };

const CHANGE_MAKERS = new Set(['addFakeChange', 'openFakePullRequest', 'addFakeMergeRequest']);
const FIXTURES = 'tests/fixtures/';
const opaque = (why: string): Value => ({ k: 'opaque', why });

/** The fixture repositories of a tenant config: tests/fixtures/config/X/git/<name with _ for />/... */
function fixtureRepos(files: Map<string, string>, tenantConfigFile: string): Map<string, Map<string, string>> {
  const dir = FIXTURES + tenantConfigFile.replace(/[^/]*$/, '') + 'git/';
  const repos = new Map<string, Map<string, string>>();
  for (const [path, text] of files) {
    if (!path.startsWith(dir)) continue;
    const rest = path.slice(dir.length);
    const slash = rest.indexOf('/');
    if (slash < 0) continue;
    const project = rest.slice(0, slash).split('_').join('/');
    if (!repos.has(project)) repos.set(project, new Map());
    repos.get(project)!.set(rest.slice(slash + 1), text);
  }
  return repos;
}

/** `[connection NAME]` sections of a zuul.conf with their drivers. */
function connectionsOf(conf: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  let name: string | undefined;
  for (const line of (conf ?? '').split('\n')) {
    const sec = /^\[connection\s+['"]?([^'"\]]+)['"]?\]/.exec(line);
    if (sec) name = sec[1];
    else if (/^\[/.test(line)) name = undefined;
    const drv = /^driver\s*=\s*(\S+)/.exec(line);
    if (name && drv) out.set(name, drv[1]);
  }
  return out;
}

const copyRepos = (r: Map<string, Map<string, string>>) => new Map([...r].map(([k, v]) => [k, new Map(v)]));

class MethodReader {
  private readonly env = new Map<string, Value>();
  readonly asserted = new Map<Change, { line: number; texts: string[] }>();
  readonly skipped: Skipped[] = [];

  constructor(
    private readonly test: string,
    private readonly repos: Map<string, Map<string, string>>,
    private readonly globals: Map<string, LogicalLine>,
  ) {}

  private readonly evaluating = new Set<string>();

  private evalGlobal(name: string): Value {
    const l = this.globals.get(name);
    if (!l || this.evaluating.has(name)) return opaque(`unknown name ${name}`);
    this.evaluating.add(name);
    try {
      return this.eval(parseExpr(l.toks, 2).expr);
    } finally {
      this.evaluating.delete(name);
    }
  }

  eval(e: Expr): Value {
    switch (e.t) {
      case 'str':
        return e.fstring ? opaque('an f-string') : { k: 'str', v: e.value };
      case 'name':
        if (e.id === 'None') return { k: 'none' };
        return this.env.get(e.id) ?? this.evalGlobal(e.id);
      case 'dict': {
        const m = new Map<string, Value>();
        for (const [ke, ve] of e.entries) {
          const key = this.eval(ke);
          if (key.k !== 'str') return opaque('a dict key that is not a string');
          m.set(key.v, this.eval(ve));
        }
        return { k: 'dict', m };
      }
      case 'bin': {
        const a = this.eval(e.left);
        const b = this.eval(e.right);
        if (e.op === '+' && a.k === 'str' && b.k === 'str') return { k: 'str', v: a.v + b.v };
        return opaque(`operator ${e.op}`);
      }
      case 'sub': {
        if (e.obj.t === 'attr' && e.obj.name === 'messages') {
          const c = this.eval(e.obj.obj);
          if (c.k === 'change') return { k: 'messages', c: c.c };
        }
        const o = this.eval(e.obj);
        const i = this.eval(e.index);
        if (o.k === 'dict' && i.k === 'str') return o.m.get(i.v) ?? opaque(`missing key ${i.v}`);
        return opaque('a subscript');
      }
      case 'call':
        return this.evalCall(e);
      default:
        return opaque(e.t === 'other' ? `expression ${e.text.slice(0, 40)}` : `a ${e.t}`);
    }
  }

  private evalCall(e: Extract<Expr, { t: 'call' }>): Value {
    const fn = e.fn;
    const name = fn.t === 'attr' ? fn.name : fn.t === 'name' ? fn.id : '';
    if (name === 'dedent') {
      const s = this.eval(e.args[0]);
      return s.k === 'str' ? { k: 'str', v: dedent(s.v) } : s;
    }
    if (fn.t === 'attr' && ['format', 'strip', 'lstrip', 'rstrip'].includes(name)) {
      const s = this.eval(fn.obj);
      if (s.k !== 'str') return s;
      if (name === 'strip') return { k: 'str', v: s.v.trim() };
      if (name === 'lstrip') return { k: 'str', v: s.v.replace(/^\s+/, '') };
      if (name === 'rstrip') return { k: 'str', v: s.v.replace(/\s+$/, '') };
      const args: string[] = [];
      for (const a of e.args) {
        const v = this.eval(a);
        if (v.k !== 'str') return opaque('a format argument that is not a string');
        args.push(v.v);
      }
      const kwargs = new Map<string, string>();
      for (const [k, a] of e.kwargs) {
        const v = this.eval(a);
        if (v.k !== 'str') return opaque('a format argument that is not a string');
        kwargs.set(k, v.v);
      }
      const out = pyFormat(s.v, args, kwargs);
      return out === undefined ? opaque('a format spec') : { k: 'str', v: out };
    }
    if (CHANGE_MAKERS.has(name)) return this.makeChange(e);
    if (name === 'str' && e.args.length === 1) return this.eval(e.args[0]);
    return opaque(`a call of ${name || 'something'}`);
  }

  private makeChange(e: Extract<Expr, { t: 'call' }>): Value {
    const project = this.eval(e.args[0]);
    const branch = this.eval(e.args[1]);
    const filesExpr = e.kwargs.find(([k]) => k === 'files')?.[1] ?? (e.args.length > 4 ? e.args[4] : undefined);
    if (project.k !== 'str' || branch.k !== 'str') return opaque('a change of an unknown project or branch');
    const files = new Map<string, string>();
    const fv = filesExpr ? this.eval(filesExpr) : { k: 'none' as const };
    if (fv.k === 'dict') {
      for (const [path, v] of fv.m) {
        if (v.k !== 'str') return opaque(`file ${path} of the change: ${v.k === 'opaque' ? v.why : 'not a string'}`);
        files.set(path, v.v);
      }
    } else if (fv.k !== 'none') return opaque(`the files of the change: ${fv.k === 'opaque' ? fv.why : fv.k}`);
    return { k: 'change', c: { id: '', project: project.v, branch: branch.v, files, line: 0, deps: [], base: copyRepos(this.repos) } };
  }

  private commit(project: string, files: Map<string, string>): void {
    if (!this.repos.has(project)) this.repos.set(project, new Map());
    for (const [p, t] of files) this.repos.get(project)!.set(p, t);
  }

  statement(l: LogicalLine): void {
    const toks = l.toks;
    // NAME = expr, NAME[key] = expr, NAME += expr, X.data[...] = expr (at bracket depth 0)
    const eq = assignmentAt(l);
    if (eq > 0 && toks[0].kind === 'name') {
      const value = this.eval(parseExpr(toks, eq + 1).expr);
      const name = toks[0].text;
      const target = this.env.get(name);
      if (eq === 1 && toks[1].text === '=') {
        if (value.k === 'change') {
          value.c.id = name;
          value.c.line = l.line;
        }
        this.env.set(name, value);
      } else if (eq === 1) {
        this.env.set(name, target?.k === 'str' && value.k === 'str' ? { k: 'str', v: target.v + value.v } : opaque(`${name} +=`));
      } else if (toks[1].text === '[' && toks[eq - 1].text === ']') {
        const key = this.eval(parseExpr(toks, 2).expr);
        if (target?.k === 'dict' && key.k === 'str') target.m.set(key.v, value);
      } else if (target?.k === 'change' && toks[1].text === '.' && toks[2].text === 'data') {
        // A Depends-On footer written into the change's commit message.
        const rhs = toks.slice(eq + 1);
        if (rhs.some((t) => t.kind === 'str' && /Depends-On/i.test(t.value ?? ''))) this.dependsFromTokens(target.c, rhs);
      }
      return;
    }
    const { expr } = parseExpr(toks, 0);
    if (expr.t !== 'call') return;
    const fn = expr.fn;
    const name = fn.t === 'attr' ? fn.name : '';
    const self = fn.t === 'attr' ? this.eval(fn.obj) : undefined;
    if (name === 'update' && self?.k === 'dict') {
      const v = this.eval(expr.args[0]);
      if (v.k === 'dict') for (const [k, x] of v.m) self.m.set(k, x);
    } else if (name === 'setDependsOn' && self?.k === 'change') {
      const dep = this.eval(expr.args[0]);
      if (dep.k === 'change') self.c.deps.push(dep.c);
    } else if (name === 'setMerged' && self?.k === 'change') {
      this.commit(self.c.project, self.c.files);
    } else if (name === 'addCommitToRepo') {
      const project = this.eval(expr.args[0]);
      const files = this.eval(expr.args[2] ?? expr.kwargs.find(([k]) => k === 'files')?.[1] ?? { t: 'other', text: '' });
      const branch = expr.kwargs.find(([k]) => k === 'branch')?.[1];
      const b = branch ? this.eval(branch) : { k: 'str' as const, v: 'master' };
      if (project.k === 'str' && files.k === 'dict' && b.k === 'str' && b.v === 'master') {
        const m = new Map<string, string>();
        for (const [p, v] of files.m) if (v.k === 'str') m.set(p, v.v);
        this.commit(project.v, m);
      }
    } else if (name === 'assertIn') {
      const text = this.eval(expr.args[0]);
      const target = this.eval(expr.args[1]);
      if (target.k !== 'messages') return;
      if (text.k !== 'str') {
        this.skipped.push({ test: this.test, line: l.line, why: `asserted text: ${text.k === 'opaque' ? text.why : text.k}` });
        return;
      }
      const entry = this.asserted.get(target.c) ?? { line: l.line, texts: [] };
      entry.texts.push(text.v);
      this.asserted.set(target.c, entry);
    }
  }

  private dependsFromTokens(c: Change, toks: LogicalLine['toks']): void {
    for (const t of toks) {
      const v = t.kind === 'name' ? this.env.get(t.text) : undefined;
      if (v?.k === 'change' && v.c !== c && !c.deps.includes(v.c)) c.deps.push(v.c);
    }
  }
}

/** The index of the statement's `=` or `+=` outside brackets, or -1. */
function assignmentAt(l: LogicalLine): number {
  let depth = 0;
  for (let i = 0; i < l.toks.length; i++) {
    const t = l.toks[i];
    if (t.kind !== 'op') continue;
    if ('([{'.includes(t.text)) depth++;
    else if (')]}'.includes(t.text)) depth--;
    else if (depth === 0 && (t.text === '=' || t.text === '+=')) return i;
  }
  return -1;
}

/** A class attribute, looked up along the bases defined in the same module. */
function classAttr(mod: PyModule, cls: PyClass, name: string): string | undefined {
  for (let c: PyClass | undefined = cls, guard = 0; c && guard < 20; guard++) {
    const l = c.attrs.get(name);
    if (l) {
      const { expr } = parseExpr(l.toks, 2);
      return expr.t === 'str' ? expr.value : undefined;
    }
    c = mod.classes.find((x) => c!.bases.includes(x.name));
  }
  return undefined;
}

const isConfigPath = (p: string, extra: string[]) =>
  /^(zuul\.yaml|\.zuul\.yaml|zuul\.d\/.*\.ya?ml|\.zuul\.d\/.*\.ya?ml)$/.test(p) || extra.some((e) => (e.endsWith('/') ? p.startsWith(e) : p === e));

/** The tenant of main.yaml that holds `project`. */
function tenantFor(tenants: Tenant[], project: string): Tenant | undefined {
  return tenants.find((t) => t.projects.some((p) => p.name === project));
}

/**
 * Every case of test_v3.py: a change carrying Zuul configuration whose
 * report a test asserts a configuration error in (gists.ts); `others` are the
 * asserted texts that are no configuration error (a build result, a policy),
 * `skipped` what could not be followed.
 */
export function readCases(files: Map<string, string>, layouts: Map<string, Layout>): { cases: Case[]; others: Case[]; skipped: Skipped[] } {
  const src = files.get('tests/unit/test_v3.py');
  if (src === undefined) throw new Error('tests/unit/test_v3.py is not in the upstream snapshot');
  const mod = parseModule(src);
  const cases: Case[] = [];
  const others: Case[] = [];
  const skipped: Skipped[] = [];
  const fixtures = new Map<string, Map<string, Map<string, string>>>();
  for (const cls of mod.classes) {
    const tenantFile = classAttr(mod, cls, 'tenant_config_file');
    const confFile = classAttr(mod, cls, 'config_file') ?? 'zuul.conf';
    const connections = connectionsOf(files.get(FIXTURES + confFile));
    for (const m of cls.methods) {
      if (!m.name.startsWith('test')) continue;
      const test = `${cls.name}.${m.name}`;
      let tenants: Tenant[] = [];
      let repos = new Map<string, Map<string, string>>();
      let tenantConfig = '';
      const layoutDeco = m.decorators.map((d) => parseExpr(d.toks, 1).expr).find((e) => e.t === 'call' && e.fn.t === 'name' && e.fn.id === 'simple_layout');
      if (layoutDeco?.t === 'call' && layoutDeco.args[0]?.t === 'str') {
        const layout = layouts.get(layoutDeco.args[0].value);
        if (!layout) {
          skipped.push({ test, line: m.line, why: `layout ${layoutDeco.args[0].value} not found` });
          continue;
        }
        const lt = layoutTenant(layout);
        tenants = [lt.tenant];
        repos = lt.repos;
        tenantConfig = simpleTenantConfig(lt.tenant, layoutDeco.args[1]?.t === 'str' ? layoutDeco.args[1].value : 'gerrit');
      } else if (tenantFile) {
        tenantConfig = files.get(FIXTURES + tenantFile) ?? '';
        tenants = parseTenants(tenantConfig);
        if (!fixtures.has(tenantFile)) fixtures.set(tenantFile, fixtureRepos(files, tenantFile));
        repos = copyRepos(fixtures.get(tenantFile)!);
      }
      const reader = new MethodReader(test, repos, mod.globals);
      for (const l of m.body) {
        try {
          reader.statement(l);
        } catch (e) {
          skipped.push({ test, line: l.line, why: `statement not read: ${(e as Error).message}` });
        }
      }
      pushAllOf(skipped, reader.skipped);
      for (const [change, a] of reader.asserted) {
        const tenant = tenantFor(tenants, change.project);
        if (!tenant) {
          skipped.push({ test, line: a.line, why: `project ${change.project} is in no tenant of the test` });
          continue;
        }
        const carried = [change, ...change.deps];
        const configFiles = carried.some((c) => {
          const extra = tenant.projects.find((p) => p.name === c.project)?.extraConfigPaths ?? [];
          return [...c.files.keys()].some((p) => isConfigPath(p, extra));
        });
        if (!configFiles) continue;
        const c = { test, line: a.line, change, texts: a.texts, tenant, connections, tenantConfig: onlyTenant(tenantConfig, tenant.name) };
        (c.texts.some(isConfigError) ? cases : others).push(c);
      }
    }
  }
  return { cases, others, skipped };
}

function pushAllOf<T>(into: T[], from: T[]): void {
  for (const x of from) into.push(x);
}

/** main.yaml with the one tenant a case runs in (the oracle loads the first tenant it finds). */
function onlyTenant(text: string, name: string): string {
  const doc: unknown = parse(text);
  if (!Array.isArray(doc)) return text;
  const keep = doc.filter((item) => (item as { tenant?: { name?: unknown } } | null)?.tenant?.name === name);
  return stringify(keep);
}

/** The tenant config setupSimpleLayout writes, for the oracle. */
function simpleTenantConfig(t: Tenant, driver: string): string {
  const list = (trusted: boolean) =>
    t.projects
      .filter((p) => p.trusted === trusted)
      .map((p) => `          - ${p.name}\n`)
      .join('');
  return `- tenant:\n    name: ${t.name}\n    source:\n      ${driver}:\n        config-projects:\n${list(true)}        untrusted-projects:\n${list(false) || '          []\n'}`;
}

/** The repositories as they were when the change was made, without it. */
export function baseRepos(c: Case): Map<string, Map<string, string>> {
  return copyRepos(c.change.base);
}

/** The repositories a case's tenant sees: the base of the change, with the change and its dependencies applied. */
export function caseRepos(c: Case): Map<string, Map<string, string>> {
  const repos = copyRepos(c.change.base);
  const apply = (ch: Change, seen: Set<Change>) => {
    if (seen.has(ch)) return;
    seen.add(ch);
    for (const d of ch.deps) apply(d, seen);
    if (!repos.has(ch.project)) repos.set(ch.project, new Map());
    for (const [p, t] of ch.files) repos.get(ch.project)!.set(p, t);
  };
  apply(c.change, new Set());
  return repos;
}
