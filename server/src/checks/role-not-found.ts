// `roles: [{zuul: org/repo}]` adds a repo's roles to the job's role path. At
// run time the repo must hold `tasks/` (a bare role) or `roles/` (a
// collection of roles); otherwise the build ends in ERROR "Unable to find
// role" (reference §3.9). Checked when the repo is in the workspace with its
// files. A repo that is not a tenant project is dropped silently by Zuul; the
// workspace rarely holds the whole tenant, so an unknown repo is not reported.
import { isMap, isSeq } from 'yaml';
import type { Check, Finding } from './check';
import type { Repo } from '../zuul/discover';
import { hasFileList, rangeOf } from '../zuul/stanzas';
import { entries, resolve, str } from '../zuul/yamlNodes';
import { ZUUL_DOCS } from '../zuul/rules';
import { itemLines, mayHave, stanzasOf, workspaceRepo } from './files-scope';

const ID = 'role-not-found';

function holdsRoles(repo: Repo): boolean {
  for (const f of repo.files) if (f.startsWith('roles/') || f.startsWith('tasks/')) return true;
  return false;
}

export const roleNotFound: Check = {
  id: ID,
  severity: 'error',
  summary:
    'A roles: {zuul: repo} entry naming a workspace repo with neither roles/ nor tasks/ at its root; builds end in ERROR "Unable to find role".',
  docs: `${ZUUL_DOCS}/config/job.html#attr-job.roles`,
  jobKeys: ['name', 'parent', 'description', 'abstract', 'final', 'protected', 'intermediate', 'semaphore', 'nodeset', 'roles', 'vars', 'dependencies', 'branches', 'files', 'irrelevant-files'],
  check(ctx) {
    const out: Finding[] = [];
    const verdict = new Map<Repo, boolean>();
    for (const stanza of stanzasOf(ctx.index)) {
      if (!mayHave(stanza.body, ['roles'])) continue;
      const { file } = stanza.def;
      const doc = file.doc;
      const roles = entries(doc, stanza.body).find((e) => e.key === 'roles')?.value;
      if (!roles) continue;
      const items = isSeq(roles) ? roles.items.map((i) => resolve(doc, i)) : [roles];
      for (const item of items) {
        if (!isMap(item)) continue;
        const zuul = entries(doc, item).find((e) => e.key === 'zuul');
        const name = str(zuul?.value);
        if (!zuul?.value || !name) continue;
        const repo = workspaceRepo(name, ctx.repos);
        if (!repo || !hasFileList(repo)) continue;
        let ok = verdict.get(repo);
        if (ok === undefined) verdict.set(repo, (ok = holdsRoles(repo)));
        if (ok) continue;
        // Deleting the entry is a fix when other roles remain (an empty roles: fails the schema).
        const deleteRange = items.length > 1 && item !== roles ? itemLines(file, item) : undefined;
        out.push({
          rule: ID,
          severity: 'error',
          file: file.path,
          range: rangeOf(file, zuul.value),
          message: `"${name}" (${repo.name} in this workspace) has neither a roles/ nor a tasks/ folder at its root, so Zuul finds no role in it and every build of ${stanza.jobName} ends in ERROR ("Unable to find role"). Name the repo that holds the roles, or remove this entry.`,
          data: { role: name, repo: repo.name, job: stanza.jobName, ...(deleteRange ? { deleteRange } : {}) },
        });
      }
    }
    return out;
  },
};
