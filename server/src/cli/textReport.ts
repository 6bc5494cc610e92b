// The text report for a CI log. A name defined in a repository that is not
// open is reported at every use, and on a real tree those warnings outnumber
// everything else (one nodeset used forty times): they are folded into one
// line per name, after the other findings, and a summary says what was
// found, what was not open and what was not loaded.
import type { Finding } from '../zuul/types';
import { displayPath, formatText, summaryLine } from './format';
import { settingWhere } from '../engine/settingWhere';

/** What an unknown-name rule names, for the folded line. */
const KIND: Record<string, string> = {
  'unknown-parent': 'job',
  'unknown-job': 'job',
  'unknown-dependency': 'job',
  'unknown-nodeset': 'nodeset',
  'unknown-project-template': 'project template',
  'unknown-semaphore': 'semaphore',
};

/** Places shown on a folded line besides the first. */
const MORE_PLACES = 2;

export interface UnknownName {
  kind: string;
  name: string;
  uses: Finding[];
}

/** A finding that only says a name is not defined in the open repositories (not a likely typo, not an error). */
export function isUnknownName(f: Finding): boolean {
  return f.setting?.key === 'externalNames' && typeof f.setting.value === 'string' && f.severity !== 'error';
}

/** The unknown names, most used first. */
export function unknownNames(findings: readonly Finding[]): UnknownName[] {
  const groups = new Map<string, UnknownName>();
  for (const f of findings) {
    if (!isUnknownName(f)) continue;
    const kind = KIND[f.rule] ?? 'name';
    const name = f.setting!.value!;
    const key = `${kind}\u0000${name}`;
    const g = groups.get(key);
    if (g) g.uses.push(f);
    else groups.set(key, { kind, name, uses: [f] });
  }
  return [...groups.values()].sort((a, b) => b.uses.length - a.uses.length || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

const place = (f: Finding, cwd: string) => `${displayPath(f.file, cwd)}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** One line per unknown name, in the `file:line:col: severity rule message` shape of the others (at its first use). */
export function formatUnknownName(g: UnknownName, cwd: string): string {
  const [first, ...rest] = g.uses;
  const rules = [...new Set(g.uses.map((f) => f.rule))].join(',');
  const severity = g.uses.some((f) => f.severity === 'warning') ? 'warning' : first.severity;
  const shown = rest.slice(0, MORE_PLACES).map((f) => place(f, cwd));
  const more = rest.length - shown.length;
  const also = shown.length ? `, also at ${shown.join(', ')}${more ? ` and ${more} more` : ''}` : '';
  // Quoted as JSON: a name with a line break or a quote in it stays on its line, and readable.
  return `${place(first, cwd)}: ${severity} ${rules} ${g.kind} ${JSON.stringify(g.name)} is not defined in the open repositories: ${plural(g.uses.length, 'use')}${also}\n`;
}

/** stdout of a text run: the findings that are not unknown names, then one line per unknown name. */
export function formatGroupedText(findings: Finding[], cwd: string): string {
  const rest = findings.filter((f) => !isUnknownName(f));
  return formatText(rest, cwd) + unknownNames(findings).map((g) => formatUnknownName(g, cwd)).join('');
}

export interface RunFacts {
  /** The world line (tenantView.describeWorld). */
  world: string;
  /** Repository folders checked, as displayed. */
  repos: string[];
  /** Config folders that exist but were not loaded, with why (`zuul-jobs/zuul-tests.d/ (extra-config-paths not set)`). */
  notLoaded: string[];
  /** Tenant projects that no open folder holds, and how many projects the tenant has. */
  tenantMissing?: { names: string[]; of: number };
}

const MAX_LISTED = 10;

function listed(names: string[]): string {
  const shown = names.slice(0, MAX_LISTED);
  return `${shown.join(', ')}${names.length > shown.length ? ` and ${names.length - shown.length} more` : ''}`;
}

function byRule(findings: Finding[]): string {
  const n = new Map<string, number>();
  for (const f of findings) n.set(f.rule, (n.get(f.rule) ?? 0) + 1);
  return [...n].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([rule, k]) => `${rule} ${k}`).join(', ');
}

/** stderr of a text run: the count line as before, then a line per subject that has anything to say. */
export function formatSummary(findings: Finding[], facts: RunFacts): string {
  const out = [`${summaryLine(findings)}; ${facts.world}`];
  const errors = findings.filter((f) => f.severity === 'error');
  const warnings = findings.filter((f) => f.severity === 'warning');
  const infos = findings.filter((f) => f.severity === 'info' || f.severity === 'hint');
  if (errors.length) out.push(`  errors: ${byRule(errors)}`);
  if (warnings.length) out.push(`  warnings: ${byRule(warnings)}`);
  if (infos.length) out.push(`  infos: ${byRule(infos)}`);
  const names = unknownNames(findings);
  if (names.length) {
    const kinds = new Map<string, number>();
    for (const g of names) kinds.set(g.kind, (kinds.get(g.kind) ?? 0) + 1);
    const uses = names.reduce((s, g) => s + g.uses.length, 0);
    const parts = [...kinds].map(([k, n]) => plural(n, k)).join(', ');
    out.push(`  unknown names: ${names.length} (${parts}), ${plural(uses, 'use')}; open the repositories that define them, or list them in ${settingWhere('externalNames', 'cli')}`);
  }
  const n = facts.repos.length;
  out.push(n === 0 ? '  opened: no repository' : n === 1 ? `  opened: ${facts.repos[0]} (the only repository)` : `  opened: ${n} repositories: ${listed(facts.repos)}`);
  for (const d of facts.notLoaded) out.push(`  not loaded: ${d}`);
  // With a tenant file its extra-config-paths decide, not the setting.
  if (facts.notLoaded.length && !facts.tenantMissing) {
    const it = facts.notLoaded.length === 1 ? 'it' : 'them';
    out.push(`  to check ${it} as the tenant loads ${it}, list ${it} in ${settingWhere('extraConfigPaths', 'cli')}`);
  }
  const m = facts.tenantMissing;
  if (m?.names.length) out.push(`  tenant projects not open: ${m.names.length} of ${m.of}: ${listed(m.names)}`);
  return out.join('\n') + '\n';
}
