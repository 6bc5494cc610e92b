// The effective job as YAML for people: each value with a trailing
// `# from repo/file:line` comment. The CLI prints it, and the editor shows it
// read-only, with each comment a link to the place it names.
import type { EffectiveJob, Note, SourceRef, Sourced, VarTree } from '../../../protocol/src';

export interface SourceLink {
  /** Line of the text (0-based) and the columns of the `repo/file:line` it shows. */
  line: number;
  start: number;
  end: number;
  source: SourceRef;
}

export interface RenderedJob {
  text: string;
  links: SourceLink[];
}

const PLAIN = /^[A-Za-z0-9_][A-Za-z0-9_./@+-]*( [A-Za-z0-9_./@+-]+)*$/;
const RESERVED = /^(true|false|yes|no|on|off|null|y|n|~|[0-9.+-].*)$/i;

/** A value as YAML on one line: plain where that reads back the same, else JSON (a YAML flow value). */
export function yamlValue(v: unknown): string {
  if (typeof v === 'string') return PLAIN.test(v) && !RESERVED.test(v) ? v : JSON.stringify(v);
  return JSON.stringify(v) ?? 'null';
}

const where = (s: SourceRef) => `${s.repo}/${s.file}:${s.range.start.line + 1}`;

export function renderEffectiveJob(job: EffectiveJob): RenderedJob {
  const lines: string[] = [];
  const links: SourceLink[] = [];
  const put = (text: string, source?: SourceRef, extra?: string) => {
    if (!source) {
      lines.push(text);
      return;
    }
    const at = where(source);
    const head = `${text}  # from `;
    links.push({ line: lines.length, start: head.length, end: head.length + at.length, source });
    lines.push(`${head}${at}${extra ? ` (${extra})` : ''}`);
  };
  const scope = [job.project && `project ${job.project}`, job.pipeline && `pipeline ${job.pipeline}`, job.branch ? `branch ${job.branch}` : 'any branch'].filter(Boolean).join(', ');
  put(`# What Zuul freezes for ${job.job} (${scope}), read from the open files.`);
  if (!job.complete) put('# Incomplete: a job of its parent chain is not in the open repositories.');
  for (const n of job.notes) put(`# note${n.attribute ? ` (${n.attribute})` : ''}: ${oneLine(n)}`);
  put(`job: ${yamlValue(job.job)}`);
  put('applied:');
  for (const a of job.applied) put(`  - ${a.kind === 'job' ? 'job' : `${a.pipeline} entry`}: ${yamlValue(a.job)}`, a.source, a.onlyIf);
  if (job.skipped.length) {
    put('skipped:');
    for (const s of job.skipped) put(`  - ${s.kind === 'job' ? 'job' : `${s.pipeline} entry`}: ${yamlValue(s.job)}`, s.source, s.why);
  }
  for (const [k, v] of Object.entries(job.attributes)) put(`${k}: ${yamlValue(v.value)}`, v.source, v.onlyIf);
  for (const [k, list] of Object.entries(job.lists)) {
    if (!list.length) {
      put(`${k}: []`);
      continue;
    }
    put(`${k}:`);
    for (const x of list) put(`  - ${yamlValue(x.value)}`, x.source, x.onlyIf);
  }
  for (const [k, tree] of Object.entries(job.vars)) {
    if (!Object.keys(tree).length) continue;
    put(`${k}:`);
    varLines(tree, 1, put);
  }
  if (job.requiredProjects.length) {
    put('required-projects:');
    for (const r of job.requiredProjects) put(`  - ${r.value.overrideCheckout ? `{name: ${yamlValue(r.value.project)}, override-checkout: ${yamlValue(r.value.overrideCheckout)}}` : yamlValue(r.value.project)}`, r.source, r.onlyIf);
  }
  if (job.roles.length) {
    put('roles:');
    for (const r of job.roles) put(`  - {zuul: ${yamlValue(r.project)}, name: ${yamlValue(r.name)}}`, r.source, r.implicit ? 'implicit: the repository of a job stanza' : undefined);
  }
  if (job.secrets.length) {
    put('secrets:');
    for (const s of job.secrets) put(`  - {name: ${yamlValue(s.name)}, secret: ${yamlValue(s.secret)}${s.passToParent ? ', pass-to-parent: true' : ''}}`, s.source, `passed by ${s.job}`);
  }
  put('playbooks:  # in the order Zuul runs them');
  for (const p of job.playbooks) {
    const detail = [`job ${p.job}`, p.secrets.length && `secrets ${p.secrets.join(', ')}`, p.semaphores.length && `semaphores ${p.semaphores.join(', ')}`, `roles ${p.roles.join(', ') || 'none'}`, p.onlyIf].filter(Boolean).join('; ');
    put(`  - {${p.phase}: ${yamlValue(p.path)}, repo: ${yamlValue(p.repo)}}`, p.source, detail);
  }
  return { text: lines.join('\n') + '\n', links };
}

function varLines(tree: VarTree, depth: number, put: (text: string, source?: SourceRef, extra?: string) => void): void {
  const pad = '  '.repeat(depth);
  for (const [k, v] of Object.entries(tree)) {
    const key = yamlValue(k);
    if ('leaf' in v) put(`${pad}${key}: ${yamlValue(v.leaf.value)}`, v.leaf.source, v.leaf.onlyIf);
    else if (!Object.keys(v.tree).length) put(`${pad}${key}: {}`);
    else {
      put(`${pad}${key}:`);
      varLines(v.tree, depth + 1, put);
    }
  }
}

const oneLine = (n: Note) => n.message.replace(/\s+/g, ' ');

/** A short summary for a hover: where the job's run playbook, nodeset and timeout come from. */
export function effectiveSummary(job: EffectiveJob): string[] {
  const out: string[] = [];
  const at = (s: Sourced) => `${yamlValue(s.value)} (${where(s.source)})`;
  const run = job.playbooks.filter((p) => p.phase === 'run');
  out.push(`Chain: ${job.applied.filter((a) => a.kind === 'job').map((a) => a.job).filter((n, i, xs) => xs.indexOf(n) === i).join(' → ')}`);
  if (run.length) out.push(`Runs: ${run.map((p) => `${p.path} (${p.repo})`).join(', ')}`);
  for (const k of ['nodeset', 'timeout', 'voting']) if (job.attributes[k]) out.push(`${k}: ${at(job.attributes[k])}`);
  const deps = job.lists.dependencies;
  if (deps?.length) out.push(`dependencies: ${deps.map((d) => yamlValue(d.value)).join(', ')}`);
  if (!job.complete) out.push('Incomplete: a parent is not in the open repositories.');
  return out;
}

