// Many deployment repos pass the playbook to run in a job variable
// (opendev's infra-prod jobs: `vars: {playbook_name: service-foo.yaml}`, run
// by a shared playbook from `playbooks/`). Zuul never looks at the value; a
// renamed playbook makes every build fail at run time. The variables are
// named in the `playbookVariables` setting; without it, `playbook_name`
// under `playbooks/` is checked in a repo where most of its values name
// existing playbooks there (the repo evidently follows that convention).
import { settingMention } from '../zuul/settingRef';
import { isMap } from 'yaml';
import type { Check, Finding } from './check';
import type { Repo } from '../zuul/discover';
import type { PlaybookVariable } from '../zuul/settings';
import { hasFileList, rangeOf, type JobStanza } from '../zuul/stanzas';
import { mayHave, stanzasOf } from './files-scope';
import { suggestPath } from '../zuul/paths';
import { entries, str, type YNode } from '../zuul/yamlNodes';

const ID = 'playbook-variable-not-found';
export const INFERRED_VARIABLE: Required<PlaybookVariable> = { name: 'playbook_name', base: 'playbooks/' };

interface VarUse {
  stanza: JobStanza;
  value: string;
  node: YNode;
}

function normBase(base: string | undefined): string {
  const b = (base ?? '').replace(/^\.?\/+/, '').replace(/\/+$/, '');
  return b ? `${b}/` : '';
}

/** String values of `vars.<name>` written in job stanzas and project-pipeline variants, per repo. */
function uses(stanzas: JobStanza[], name: string): Map<Repo, VarUse[]> {
  const out = new Map<Repo, VarUse[]>();
  for (const stanza of stanzas) {
    if (!mayHave(stanza.body, ['vars'])) continue;
    const doc = stanza.def.file.doc;
    const vars = entries(doc, stanza.body).find((e) => e.key === 'vars')?.value;
    if (!isMap(vars)) continue;
    const e = entries(doc, vars).find((x) => x.key === name);
    const value = str(e?.value);
    // Templated, absolute or empty values cannot be resolved statically.
    if (!e?.value || value === undefined || !value.trim() || value.includes('{{') || value.includes('{%') || value.startsWith('/')) continue;
    const repo = stanza.def.repo;
    const list = out.get(repo);
    const use = { stanza, value, node: e.value };
    if (list) list.push(use);
    else out.set(repo, [use]);
  }
  return out;
}

const stemOf = (p: string) => p.slice(p.lastIndexOf('/') + 1).replace(/\.[^.]*$/, '');

/** Playbooks under `base` named after the job (`infra-prod-bootstrap-bridge` -> `bootstrap-bridge.yaml`), then the nearest paths. */
function suggestions(value: string, base: string, job: string, files: Set<string>): string[] {
  const under = [...files].filter((f) => f.startsWith(base) && /\.ya?ml$/.test(f));
  const byJob = under
    .filter((f) => !f.slice(base.length).includes('/'))
    .filter((f) => {
      const s = stemOf(f);
      return s.length >= 3 && (job === s || job.endsWith(`-${s}`));
    })
    .sort((a, b) => stemOf(b).length - stemOf(a).length || a.localeCompare(b));
  const near = suggestPath(base + value.replace(/^\.\//, ''), under);
  const out: string[] = [];
  for (const f of [...byJob, ...near]) {
    const v = f.slice(base.length);
    if (!out.includes(v) && v !== value) out.push(v);
  }
  return out.slice(0, 3);
}

export const playbookVariableNotFound: Check = {
  id: ID,
  severity: 'warning',
  summary:
    `A job variable naming a playbook whose file does not exist; the build fails. The variables are those of ${settingMention('playbookVariables')}; without it, playbook_name under playbooks/ where most of a repo's values exist.`,
  jobKeys: ['name', 'parent', 'description', 'abstract', 'final', 'protected', 'intermediate', 'semaphore', 'nodeset', 'vars', 'dependencies', 'branches', 'files', 'irrelevant-files'],
  check(ctx) {
    const out: Finding[] = [];
    const stanzas = stanzasOf(ctx.index);
    const configured = ctx.settings.playbookVariables ?? [];
    const vars = configured.length ? configured : [INFERRED_VARIABLE];
    for (const v of vars) {
      const base = normBase(v.base);
      for (const [repo, list] of uses(stanzas, v.name)) {
        if (!hasFileList(repo)) continue;
        const exists = (u: VarUse) => repo.files.has(base + u.value.replace(/^\.\//, ''));
        let why = '';
        if (!configured.length) {
          const found = list.filter(exists).length;
          if (found < 2 || found * 2 <= list.length) continue;
          why = ` (${v.name} is taken to name a playbook under ${base} because ${found} of the ${list.length} values in ${repo.name} do; set ${settingMention('playbookVariables')} to say otherwise)`;
        }
        for (const u of list) {
          if (exists(u)) continue;
          const { file } = u.stanza.def;
          const sugg = suggestions(u.value, base, u.stanza.jobName, repo.files);
          const hint = sugg.length ? ` Did you mean "${sugg[0]}"?` : '';
          out.push({
            rule: ID,
            severity: 'warning',
            file: file.path,
            range: rangeOf(file, u.node),
            message: `${v.name} "${u.value}" names ${base}${u.value}, which does not exist in ${repo.name}: the playbook that runs it fails, so every build of ${u.stanza.jobName} fails. Zuul does not check job variables.${hint}${why}`,
            data: { suggestions: sugg, variable: v.name, base, path: base + u.value, job: u.stanza.jobName, repo: repo.name, inferred: !configured.length },
          });
        }
      }
    }
    return out;
  },
};
