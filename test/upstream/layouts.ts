// Zuul's tests/fixtures/layouts/ as its tests load them. A test names a layout
// in @simple_layout(...) (tests/base.py setupSimpleLayout: the file becomes
// zuul.yaml of the config project org/common-config, every project stanza's
// project becomes an empty untrusted project) or commits it over a config
// project's zuul.yaml (commitConfigUpdate). Which layouts Zuul expects to fail
// is read from the tests too: a test that asserts loading errors, a
// CONFIG_ERROR result, or a configuration error (gists.ts) in the report on a
// change that carries no configuration of its own, after loading the layout.
import { parse } from 'yaml';
import { parseExpr, parseModule, type Expr, type LogicalLine, type PyMethod, type Tok } from './python';
import { DEFAULT_INCLUDE, type Tenant } from './tenant';
import { isConfigError } from './gists';

export const LAYOUT_DIR = 'tests/fixtures/layouts/';
const CONFIG_PROJECT = 'org/common-config';
/** Every class the tenant parser knows; what enable_nodepool=True includes. */
const ALL_CLASSES = [...DEFAULT_INCLUDE, 'pragma', 'image', 'flavor', 'label', 'section', 'provider'];

export interface LayoutUse {
  /** `module.py::Class.method` */
  test: string;
  how: 'simple_layout' | 'commit' | 'named';
  driver: string;
  enableNodepool: boolean;
}

export interface LayoutFailure {
  test: string;
  line: number;
  /** The assertion, as written. */
  assertion: string;
}

export interface Layout {
  /** Path below tests/fixtures/, e.g. `layouts/basic-git.yaml`, as tests name it. */
  name: string;
  text: string;
  uses: LayoutUse[];
  /** Tests that expect this layout to give loading errors or a config error. */
  failures: LayoutFailure[];
}

const strArg = (e: Expr | undefined) => (e?.t === 'str' && !e.fstring ? e.value : undefined);
const kw = (call: Extract<Expr, { t: 'call' }>, name: string) => call.kwargs.find(([k]) => k === name)?.[1];
const callName = (e: Expr): string | undefined => (e.t === 'call' ? (e.fn.t === 'attr' ? e.fn.name : e.fn.t === 'name' ? e.fn.id : undefined) : undefined);

/** Layout paths named by string literals of a statement. */
function layoutsIn(toks: Tok[]): string[] {
  return toks.filter((t) => t.kind === 'str' && /^layouts\/.+\.ya?ml$/.test(t.value ?? '')).map((t) => t.value!);
}

/** The call of a statement that starts with `self.x(...)` (or `x = self.x(...)`). */
function statementCall(l: LogicalLine): Extract<Expr, { t: 'call' }> | undefined {
  const start = l.toks[1]?.text === '=' ? 2 : 0;
  const { expr } = parseExpr(l.toks, start);
  return expr.t === 'call' ? expr : undefined;
}

const CHANGE_MAKERS = new Set(['addFakeChange', 'openFakePullRequest', 'addFakeMergeRequest']);

/** The change variable and text of `assertIn('text', X.messages[i])` or `assertTrue('text' in X.messages[i])`. */
function assertedOnReport(call: Extract<Expr, { t: 'call' }>): { change: string; text: string } | undefined {
  let text: Expr | undefined;
  let target: Expr | undefined;
  if (callName(call) === 'assertIn') [text, target] = call.args;
  else if (callName(call) === 'assertTrue' && call.args[0]?.t === 'bin' && call.args[0].op === 'in') ({ left: text, right: target } = call.args[0]);
  const s = strArg(text);
  if (s === undefined || target?.t !== 'sub' || target.obj.t !== 'attr' || target.obj.name !== 'messages' || target.obj.obj.t !== 'name') return undefined;
  return { change: target.obj.obj.id, text: s };
}

/** Whether an assertion about loading errors only says there are none. */
function assertsNone(call: Extract<Expr, { t: 'call' }>): boolean {
  const fn = callName(call);
  if (fn === 'assertFalse') return true;
  if (fn === 'assertEqual' || fn === 'assertEquals') {
    const [a, b] = call.args;
    const zero = (e: Expr | undefined) => (e?.t === 'num' && e.text === '0') || (e?.t === 'list' && e.items.length === 0);
    return zero(a) || zero(b);
  }
  return false;
}

function methodFacts(test: string, m: PyMethod, add: (name: string, use: LayoutUse) => void, fail: (name: string, f: LayoutFailure) => void): void {
  let current: string | undefined;
  let driver = 'gerrit';
  let enableNodepool = false;
  for (const d of m.decorators) {
    const { expr } = parseExpr(d.toks, 1);
    if (expr.t !== 'call' || callName(expr) !== 'simple_layout') continue;
    const path = strArg(expr.args[0]);
    if (!path) continue;
    driver = strArg(expr.args[1] ?? kw(expr, 'driver')) ?? 'gerrit';
    const np = expr.args[2] ?? kw(expr, 'enable_nodepool');
    enableNodepool = np?.t === 'name' && np.id === 'True';
    current = path;
    add(path, { test, how: 'simple_layout', driver, enableNodepool });
  }
  // A value read before the test commits another layout (the buildsets of
  // test_periodic_freeze_job_failure) belongs to the layout loaded when it was read.
  const aliases = new Set(['loading_errors']);
  const readUnder = new Map<string, string | undefined>();
  const bareChanges = new Set<string>();
  for (const l of m.body) {
    const named = layoutsIn(l.toks);
    const call = statementCall(l);
    if (named.length) {
      const how = call && callName(call) === 'commitConfigUpdate' ? 'commit' : 'named';
      for (const n of named) add(n, { test, how, driver, enableNodepool });
      current = named[named.length - 1];
    }
    const mentions = l.toks.some((t) => t.kind === 'name' && aliases.has(t.text));
    if (l.toks[0].kind === 'name' && l.toks[1]?.text === '=') {
      if (mentions) aliases.add(l.toks[0].text);
      readUnder.set(l.toks[0].text, current);
      const made = call && CHANGE_MAKERS.has(callName(call) ?? '');
      if (made && !call.kwargs.some(([k]) => k === 'files') && call.args.length < 5) bareChanges.add(l.toks[0].text);
      else bareChanges.delete(l.toks[0].text);
    }
    if (!call || !callName(call)?.startsWith('assert')) continue;
    const configError = l.toks.some((t) => t.kind === 'str' && t.value === 'CONFIG_ERROR');
    const reported = assertedOnReport(call);
    const reportedError = !!reported && bareChanges.has(reported.change) && isConfigError(reported.text);
    if (!(mentions && !assertsNone(call)) && !configError && !reportedError) continue;
    const readFrom = l.toks.find((t) => t.kind === 'name' && readUnder.has(t.text));
    const layout = readFrom ? readUnder.get(readFrom.text) : current;
    if (layout) fail(layout, { test, line: l.line, assertion: l.toks.map((t) => t.text).join(' ') });
  }
}

/** Every layout file, with the tests that load it and those that expect it to fail. */
export function readLayouts(files: Map<string, string>): Layout[] {
  const layouts = new Map<string, Layout>();
  for (const [path, text] of files) {
    if (path.startsWith(LAYOUT_DIR) && /\.ya?ml$/.test(path)) {
      const name = path.slice('tests/fixtures/'.length);
      layouts.set(name, { name, text, uses: [], failures: [] });
    }
  }
  for (const [path, src] of files) {
    if (!/^tests\/unit\/test_[^/]*\.py$/.test(path)) continue;
    const mod = parseModule(src);
    const module = path.slice('tests/unit/'.length);
    for (const cls of mod.classes) {
      for (const m of cls.methods) {
        methodFacts(
          `${module}::${cls.name}.${m.name}`,
          m,
          (n, u) => layouts.get(n)?.uses.push(u),
          (n, f) => layouts.get(n)?.failures.push(f),
        );
      }
    }
  }
  return [...layouts.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/** The playbooks setupSimpleLayout creates for a job item: its run, pre-run and post-run paths. */
function playbooksOf(job: Obj): string[] {
  const out: string[] = [];
  for (const key of ['run', 'pre-run', 'post-run']) {
    const v = job[key];
    for (const p of Array.isArray(v) ? v : [v]) if (typeof p === 'string') out.push(p);
  }
  return out;
}

/**
 * The tenant setupSimpleLayout builds for a layout: org/common-config trusted,
 * holding the layout as zuul.yaml, and each project a project stanza names as
 * an empty untrusted project, and the jobs' run, pre-run and post-run
 * playbooks as empty files. Layouts a test commits with commitConfigUpdate
 * get the same tenant: they are written for a config project's zuul.yaml.
 */
export function layoutTenant(layout: Layout): { tenant: Tenant; repos: Map<string, Map<string, string>> } {
  const nodepool = layout.uses.some((u) => u.enableNodepool);
  const include = nodepool ? ALL_CLASSES : DEFAULT_INCLUDE;
  const files = new Map<string, string>([['zuul.yaml', layout.text]]);
  const untrusted: string[] = [];
  let items: unknown = [];
  try {
    items = parse(layout.text);
  } catch {
    // A layout that is not YAML gets no extra projects; the engine reports it.
  }
  for (const item of Array.isArray(items) ? items : []) {
    if (!isObj(item)) continue;
    const project = item.project;
    if (isObj(project) && typeof project.name === 'string' && !project.name.startsWith('^') && project.name !== CONFIG_PROJECT && !untrusted.includes(project.name)) {
      untrusted.push(project.name);
    }
    if (isObj(item.job)) for (const p of playbooksOf(item.job)) if (!files.has(p)) files.set(p, '');
  }
  const tenant: Tenant = {
    name: 'tenant-one',
    projects: [
      { name: CONFIG_PROJECT, trusted: true, include, extraConfigPaths: [] },
      ...untrusted.map((name) => ({ name, trusted: false, include, extraConfigPaths: [] })),
    ],
  };
  return { tenant, repos: new Map([[CONFIG_PROJECT, files]]) };
}
