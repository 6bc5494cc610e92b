// Golden cases of the quick fixes: test/fixtures/fixes/<case>/ holds a small
// workspace (a `repo/` folder with its Zuul config and, when needed, its
// .zuul-authoring.yaml) and case.json:
//   { "file": "repo/zuul.d/project.yaml",      the file with the finding
//     "rule": "missing-bootstrap-dependency",
//     "line": 12,                              1-based line of the finding (optional)
//     "title": "Add dependency on boot",       the fix to apply, by exact title
//     "expected": "expected.yaml",             the file after the fix, byte for byte;
//                                              or { "repo/zuul.d/jobs.yaml": "expected-jobs.yaml", ... }
//     "offered": ["* Add ...", "Add ..."] }    every fix offered, in order; `* ` marks the preferred (optional)
// The unit test (engine + fix registry) and the protocol test (built server)
// run the same cases.
import { cpSync, mkdtempSync, readdirSync, readFileSync, realpathSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from './corpus';

export interface FixCase {
  name: string;
  /** The case folder in test/fixtures/fixes. */
  dir: string;
  file: string;
  rule: string;
  line?: number;
  title: string;
  /** Workspace-relative file -> expected text. */
  expected: Map<string, string>;
  offered?: string[];
}

export const FIX_CASES_DIR = join(projectRoot(), 'test', 'fixtures', 'fixes');

export function listFixCases(): FixCase[] {
  if (!existsSync(FIX_CASES_DIR)) return [];
  return readdirSync(FIX_CASES_DIR)
    .filter((n) => existsSync(join(FIX_CASES_DIR, n, 'case.json')))
    .sort()
    .map((name) => {
      const dir = join(FIX_CASES_DIR, name);
      const spec = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as {
        file: string;
        rule: string;
        line?: number;
        title: string;
        expected: string | Record<string, string>;
        offered?: string[];
      };
      const map = typeof spec.expected === 'string' ? { [spec.file]: spec.expected } : spec.expected;
      const expected = new Map(Object.entries(map).map(([f, e]) => [f, readFileSync(join(dir, e), 'utf8')]));
      return { name, dir, file: spec.file, rule: spec.rule, line: spec.line, title: spec.title, expected, offered: spec.offered };
    });
}

/** A fresh copy of the case's workspace (without case.json and expected files); returns its real path. */
export function copyCase(c: FixCase): string {
  const dest = realpathSync(mkdtempSync(join(tmpdir(), `zuul-fix-${c.name}-`)));
  for (const n of readdirSync(c.dir)) {
    if (n === 'case.json' || n.startsWith('expected')) continue;
    cpSync(join(c.dir, n), join(dest, n), { recursive: true });
  }
  return dest;
}

interface RangeLike {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** The finding/diagnostic a case is about: its rule, on its line when given. */
export function pickFinding<T extends { range: RangeLike }>(c: FixCase, items: T[], ruleOf: (x: T) => unknown): T | undefined {
  return items.find((x) => ruleOf(x) === c.rule && (c.line === undefined || x.range.start.line === c.line - 1));
}

/** What a finding is about, independent of where edits moved it: rule and underlined text. */
export function identity(rule: unknown, range: RangeLike, text: string): string {
  const lines = text.split(/\r\n|\r|\n/);
  const under =
    range.start.line === range.end.line
      ? (lines[range.start.line] ?? '').slice(range.start.character, range.end.character)
      : `${(lines[range.start.line] ?? '').slice(range.start.character)}…`;
  return `${String(rule)}: ${under}`;
}

/** Every finding of the workspace as an identity (see `identity`), sorted; `read` gives each file's current text. */
export function allIdentities(findings: Map<string, { rule: string; range: RangeLike }[]>, read: (p: string) => string): string[] {
  const out: string[] = [];
  for (const [file, list] of findings) {
    let text = '';
    try {
      text = read(file);
    } catch {
      // A file that is tracked but not readable has findings without text under them.
    }
    for (const f of list) out.push(`${file}: ${identity(f.rule, f.range, text)}`);
  }
  return out.sort();
}

/** `after` holds nothing that `before` (less the fixed finding) did not: a multiset difference. */
export function newFindings(before: string[], after: string[], fixed: string): string[] {
  const left = new Map<string, number>();
  for (const b of before) left.set(b, (left.get(b) ?? 0) + 1);
  left.set(fixed, (left.get(fixed) ?? 0) - 1);
  const extra: string[] = [];
  for (const a of after) {
    const n = left.get(a) ?? 0;
    if (n > 0) left.set(a, n - 1);
    else extra.push(a);
  }
  return extra;
}

/** A fix list as case.json's `offered` writes it. */
export function offeredTitles(fixes: { title: string; preferred?: boolean }[]): string[] {
  return fixes.map((f) => `${f.preferred ? '* ' : ''}${f.title}`);
}
