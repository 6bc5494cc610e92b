// Named objects defined more than once (reference §3.14, §2.3, §1.6, §3.1).
// A workspace is one tenant and one branch of each repo: a second definition
// in the same repo is on the same branch, so it is "already defined" too.
import { repoRelative } from '../zuul/discover';
import type { Check, CheckContext, Finding } from './check';
import type { Definition } from '../zuul/index';
import type { ItemKind } from '../zuul/parse';
import { rangeOf } from '../zuul/stanzas';
import { ZUUL_DOCS } from '../zuul/rules';
import { isConfigProject } from './references-policy';

const UNIQUE: { kind: ItemKind; label: string }[] = [
  { kind: 'pipeline', label: 'Pipeline' },
  { kind: 'nodeset', label: 'Nodeset' },
  { kind: 'secret', label: 'Secret' },
  { kind: 'semaphore', label: 'Semaphore' },
  { kind: 'queue', label: 'Queue' },
  { kind: 'project-template', label: 'Project template' },
];

/** Definitions in Zuul's tenant order: config projects first, then the others, each in load order. */
function tenantOrder(defs: Definition[], ctx: CheckContext): Definition[] {
  const rank = new Map<unknown, number>();
  for (const d of defs) if (!rank.has(d.repo)) rank.set(d.repo, isConfigProject(d.repo, ctx.index, ctx.settings) ? 0 : 1);
  return defs.map((d, i) => ({ d, i })).sort((a, b) => rank.get(a.d.repo)! - rank.get(b.d.repo)! || a.i - b.i).map((x) => x.d);
}

/** The tenant lists `first`'s project under `shadow` for `def`'s: Zuul then skips `def` silently. */
function shadows(ctx: CheckContext, def: Definition, first: Definition): boolean {
  const mine = ctx.tenant?.projectOf.get(def.repo.root);
  const theirs = ctx.tenant?.projectOf.get(first.repo.root);
  return !!mine && !!theirs && mine.shadow.some((s) => s === theirs.name || s.split('/').pop() === theirs.name.split('/').pop());
}

function at(def: Definition) {
  return rangeOf(def.file, def.item.nameNode ?? def.item.keyNode);
}

// No line number: the related location points there, and a message must not go stale when lines move.
function line(def: Definition): string {
  return repoRelative(def.repo, def.file.path);
}

export const duplicateDefinition: Check = {
  id: 'duplicate-definition',
  severity: 'error',
  summary:
    'A nodeset, secret, semaphore, queue, pipeline or project template defined twice (a template may repeat only within one repo), or a job defined in two repos: Zuul rejects the later definition ("already defined", "Job J in P2 is not permitted to shadow job J in P1").',
  docs: `${ZUUL_DOCS}/config/job.html`,
  jobKeys: ['name', 'parent', 'description', 'abstract', 'final', 'protected', 'intermediate', 'semaphore', 'secrets', 'nodeset', 'pre-run', 'run', 'post-run', 'cleanup-run', 'vars', 'branches'],
  check(ctx) {
    const out: Finding[] = [];
    const push = (def: Definition, first: Definition, message: string, kind: ItemKind) =>
      out.push({
        rule: 'duplicate-definition',
        severity: 'error',
        file: def.file.path,
        range: at(def),
        message,
        related: [{ file: first.file.path, range: at(first), message: `first definition of ${def.name} (${first.repo.name})` }],
        data: { name: def.name, kind, definedIn: first.repo.name },
      });
    for (const { kind, label } of UNIQUE) {
      for (const name of ctx.index.names(kind)) {
        const defs = ctx.index.get(kind, name);
        if (defs.length < 2) continue;
        const [first, ...rest] = tenantOrder(defs, ctx);
        for (const def of rest) {
          if (kind === 'project-template') {
            // Within one project, template definitions accumulate as variants (§2.3).
            if (def.repo === first.repo) continue;
            push(def, first, `Project template "${name}" is already defined in ${first.repo.name} (${line(first)}). Zuul rejects this definition ("Project template ${name} is already defined"): a template name belongs to one project. Rename this template or remove it.`, kind);
          } else if (def.repo !== first.repo) {
            const zuul = kind === 'pipeline' ? `Pipeline ${name} is already defined` : `${label} ${name} already defined in project ${first.repo.name}`;
            push(def, first, `${label} "${name}" is already defined in ${first.repo.name} (${line(first)}). Zuul rejects this definition ("${zuul}"): the name is shared by the whole tenant. Rename it or remove one of them.`, kind);
          } else {
            const zuul = kind === 'pipeline' ? `Pipeline ${name} is already defined` : `${label} ${name} already defined`;
            push(def, first, `${label} "${name}" is already defined in this repo (${line(first)}). Zuul rejects the second definition on the same branch ("${zuul}"), even when both are identical. Remove one of them.`, kind);
          }
        }
      }
    }
    // Jobs: variants of one name must all live in one project (§1.6, §3.1).
    for (const name of ctx.index.names('job')) {
      const defs = ctx.index.get('job', name);
      if (defs.length < 2 || defs.every((d) => d.repo === defs[0].repo)) continue;
      const ordered = tenantOrder(defs, ctx);
      const first = ordered[0];
      for (const def of ordered) {
        if (def.repo === first.repo || shadows(ctx, def, first)) continue;
        push(
          def,
          first,
          `Job "${name}" is already defined in ${first.repo.name} (${line(first)}). A job name belongs to the first project of the tenant that defines it (config projects first), and every variant must live in that project: Zuul rejects this one ("Job ${name} in ${def.repo.name} is not permitted to shadow job ${name} in ${first.repo.name}"), or skips it silently when the tenant lists ${first.repo.name} under shadow for ${def.repo.name}. Rename the job, or vary it from a project-pipeline entry instead.`,
          'job',
        );
      }
    }
    return out;
  },
};
