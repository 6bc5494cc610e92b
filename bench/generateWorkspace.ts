// A synthetic tenant of ~10,000 jobs for the editor-feature rows of the
// bench, shaped like OpenDev's: a base-jobs config project (base jobs with
// parent: null, nodesets, secrets, semaphores, pipelines), a zuul-jobs-like
// library of jobs and project-templates, a project-config-like repo of
// project stanzas, and service repos whose jobs inherit from the library and
// whose project stanzas list them with dependencies. Deterministic, so that
// two runs measure the same tree. One library job (HOT_JOB) is used exactly
// HOT_USES times, for the rename row.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const HOT_JOB = 'shared-lint';
export const HOT_USES = 500;
const HOT_PARENT_USES = 200;
const HOT_LIST_USES = HOT_USES - HOT_PARENT_USES;

const BASE = 'gen-base-jobs';
const LIB = 'gen-zuul-jobs';
const CONFIG = 'gen-project-config';
const SERVICES = 8;
const LIB_JOBS = 1500;
const LIB_JOBS_PER_FILE = 100;
const SERVICE_FILES = 20;
const TEMPLATES = 60;
const CONFIG_PROJECTS = 400;
const NODESETS = ['ubuntu-jammy', 'ubuntu-noble', 'debian-bookworm', 'centos-9-stream', 'fedora-40', 'ubuntu-jammy-2-node', 'ubuntu-noble-3-node'];
const SEMAPHORES = 20;
const PIPELINES = ['check', 'gate', 'post', 'periodic', 'promote', 'deploy'];
const KINDS = ['unit', 'functional', 'integration', 'docs', 'build', 'upload', 'deploy'];

export interface GeneratedWorkspace {
  /** Folder names below the root, one repo each. */
  repos: string[];
  configProjects: string[];
  jobs: number;
  files: number;
  bytes: number;
}

/** Writes the workspace below `root` and returns what it holds. */
export function generateWorkspace(root: string, totalJobs = 10_000): GeneratedWorkspace {
  let files = 0;
  let bytes = 0;
  const write = (repo: string, rel: string, text: string) => {
    const p = join(root, repo, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
    files++;
    bytes += Buffer.byteLength(text);
  };
  for (const repo of [BASE, LIB, CONFIG, ...serviceNames()]) mkdirSync(join(root, repo, '.git'), { recursive: true });

  // Base jobs: the roots of every parent chain.
  const base: string[] = [];
  base.push(...PIPELINES.map((p, i) => `- pipeline:\n    name: ${p}\n    manager: ${i === 1 ? 'dependent' : 'independent'}\n    precedence: ${i < 2 ? 'normal' : 'low'}\n`));
  base.push(...NODESETS.map((n, i) => `- nodeset:\n    name: ${n}\n    nodes:\n${Array.from({ length: 1 + (i % 3) }, (_, k) => `      - name: node${k}\n        label: ${n.replace(/-\d-node$/, '')}\n`).join('')}`));
  base.push(...Array.from({ length: SEMAPHORES }, (_, i) => `- semaphore:\n    name: sem-${i}\n    max: ${1 + (i % 4)}\n`));
  base.push('- secret:\n    name: site-logs\n    data:\n      fqdn: logs.example.org\n      path: /srv/static/logs\n');
  base.push('- job:\n    name: base\n    parent: null\n    description: The base job of every job of the tenant.\n    nodeset: ubuntu-jammy\n    timeout: 1800\n    pre-run: playbooks/base/pre.yaml\n    post-run:\n      - playbooks/base/post.yaml\n    secrets:\n      - site-logs\n');
  base.push('- job:\n    name: base-minimal\n    parent: null\n    description: A base job without log upload.\n    pre-run: playbooks/base-minimal/pre.yaml\n');
  const baseJobs = ['base', 'base-minimal'];
  for (let i = 0; i < 20; i++) {
    const name = `base-${['test', 'deploy', 'docs', 'build'][i % 4]}-${i}`;
    baseJobs.push(name);
    base.push(`- job:\n    name: ${name}\n    parent: ${i % 5 === 4 ? 'base-minimal' : 'base'}\n    nodeset: ${NODESETS[i % NODESETS.length]}\n    run: playbooks/base/run.yaml\n`);
  }
  write(BASE, 'zuul.d/pipelines.yaml', base.slice(0, PIPELINES.length).join('\n'));
  write(BASE, 'zuul.d/nodesets.yaml', base.slice(PIPELINES.length, PIPELINES.length + NODESETS.length).join('\n'));
  write(BASE, 'zuul.d/jobs.yaml', base.slice(PIPELINES.length + NODESETS.length).join('\n'));
  for (const pb of ['base/pre.yaml', 'base/post.yaml', 'base/run.yaml', 'base-minimal/pre.yaml']) write(BASE, `playbooks/${pb}`, '- hosts: all\n');

  // The library: chains of a few levels, each job below a base job or an earlier library job.
  const lib: string[] = [HOT_JOB];
  const libText: string[] = [`- job:\n    name: ${HOT_JOB}\n    parent: base\n    description: Lint every file of the change.\n    run: playbooks/lint/run.yaml\n`];
  for (let i = 1; i < LIB_JOBS; i++) {
    const kind = KINDS[i % KINDS.length];
    const name = `${kind}-${['py', 'go', 'js', 'rust'][i % 4]}-${i}`;
    const parent = i < 40 ? baseJobs[i % baseJobs.length] : lib[Math.max(1, i - 1 - (i * 7) % 40)];
    lib.push(name);
    const sem = i % 11 === 0 ? `    semaphores: sem-${i % SEMAPHORES}\n` : '';
    const pre = i % 3 === 0 ? `    pre-run: playbooks/${kind}/pre.yaml\n` : '';
    libText.push(`- job:\n    name: ${name}\n    parent: ${parent}\n    description: |\n      Runs the ${kind} step, variant ${i}.\n    nodeset: ${NODESETS[i % NODESETS.length]}\n${sem}${pre}    run: playbooks/${kind}/run.yaml\n    vars:\n      ${kind}_variant: ${i}\n`);
  }
  for (let f = 0; f * LIB_JOBS_PER_FILE < libText.length; f++) write(LIB, `zuul.d/jobs-${f}.yaml`, libText.slice(f * LIB_JOBS_PER_FILE, (f + 1) * LIB_JOBS_PER_FILE).join('\n'));
  for (const kind of [...KINDS, 'lint']) for (const phase of ['pre', 'run']) write(LIB, `playbooks/${kind}/${phase}.yaml`, '- hosts: all\n');
  const templates: string[] = [];
  const tmplText: string[] = [];
  for (let t = 0; t < TEMPLATES; t++) {
    const name = `${KINDS[t % KINDS.length]}-jobs-${t}`;
    templates.push(name);
    const jobs = Array.from({ length: 4 + (t % 5) }, (_, k) => lib[1 + ((t * 13 + k * 29) % (LIB_JOBS - 1))]);
    tmplText.push(`- project-template:\n    name: ${name}\n    check:\n      jobs:\n${jobs.map((j) => `        - ${j}\n`).join('')}    gate:\n      jobs:\n${jobs.slice(0, 2).map((j) => `        - ${j}\n`).join('')}`);
  }
  write(LIB, 'zuul.d/project-templates.yaml', tmplText.join('\n'));

  // Project stanzas of the config repo: templates plus a few library jobs; HOT_LIST_USES of them list the hot job.
  const stanzas: string[] = [];
  let hotListed = 0;
  for (let p = 0; p < CONFIG_PROJECTS; p++) {
    const jobs = Array.from({ length: 2 + (p % 4) }, (_, k) => lib[1 + ((p * 17 + k * 31) % (LIB_JOBS - 1))]);
    const listHot = (when: boolean) => {
      if (!when || hotListed >= HOT_LIST_USES) return '';
      hotListed++;
      return `        - ${HOT_JOB}\n`;
    };
    const hot = listHot(true);
    const hot2 = listHot(p % 3 === 0);
    stanzas.push(`- project:\n    name: opendev/project-${p}\n    templates:\n      - ${templates[p % TEMPLATES]}\n      - ${templates[(p * 7 + 3) % TEMPLATES]}\n    check:\n      jobs:\n${hot}${jobs.map((j) => `        - ${j}\n`).join('')}    gate:\n      jobs:\n${hot2}        - ${jobs[0]}\n`);
  }
  if (hotListed !== HOT_LIST_USES) throw new Error(`generator: ${HOT_JOB} listed ${hotListed} times, not ${HOT_LIST_USES}`);
  for (let f = 0; f < 4; f++) write(CONFIG, `zuul.d/projects-${f}.yaml`, stanzas.slice(f * 100, (f + 1) * 100).join('\n'));

  // Service repos: the rest of the jobs, below library jobs or their own; one project stanza each.
  const baseCount = baseJobs.length;
  const perService = Math.ceil((totalJobs - baseCount - LIB_JOBS) / SERVICES);
  let jobs = baseCount + LIB_JOBS;
  let hotParents = 0;
  serviceNames().forEach((repo, s) => {
    const own: string[] = [];
    const text: string[] = [];
    for (let i = 0; i < perService && jobs < totalJobs; i++, jobs++) {
      const kind = KINDS[(i + s) % KINDS.length];
      const name = `svc${s}-${kind}-${i}`;
      const hotParent = hotParents < HOT_PARENT_USES && i % 5 === 1;
      if (hotParent) hotParents++;
      const parent = hotParent ? HOT_JOB : i % 3 === 0 || own.length === 0 ? lib[1 + ((i * 37 + s) % (LIB_JOBS - 1))] : own[(i * 11) % own.length];
      own.push(name);
      const sem = i % 9 === 0 ? `    semaphores:\n      - sem-${(i + s) % SEMAPHORES}\n` : '';
      const req = i % 4 === 0 ? `    required-projects:\n      - opendev/${repo}\n      - opendev/${LIB}\n` : '';
      text.push(`- job:\n    name: ${name}\n    parent: ${parent}\n    description: ${kind} job ${i} of service ${s}.\n    nodeset: ${NODESETS[(i + s) % NODESETS.length]}\n    timeout: ${1200 + (i % 6) * 600}\n${sem}${req}    run: playbooks/${kind}/run.yaml\n    files:\n      - ^src/${kind}/.*$\n    vars:\n      shard: ${i}\n`);
    }
    const per = Math.ceil(text.length / SERVICE_FILES);
    for (let f = 0; f < SERVICE_FILES; f++) write(repo, `zuul.d/${KINDS[f % KINDS.length]}-${f}.yaml`, text.slice(f * per, (f + 1) * per).join('\n'));
    for (const kind of KINDS) write(repo, `playbooks/${kind}/run.yaml`, '- hosts: all\n');
    for (const kind of KINDS) write(repo, `src/${kind}/main.py`, '');
    // Check lists most jobs, a quarter with dependencies on earlier entries; gate and periodic a subset.
    const check = own.filter((_, i) => i % 4 !== 3);
    const entry = (j: string, i: number, listed: string[]) => {
      if (i % 4 !== 2 || i < 2) return `        - ${j}\n`;
      const deps = [listed[i - 1], listed[i - 2]];
      return `        - ${j}:\n            dependencies:\n              - ${deps[0]}\n              - name: ${deps[1]}\n                soft: true\n`;
    };
    const list = (names: string[]) => names.map((j, i) => entry(j, i, names)).join('');
    const gate = check.filter((_, i) => i % 3 === 0);
    const periodic = own.filter((_, i) => i % 10 === 0);
    write(repo, 'zuul.d/project.yaml', `- project:\n    templates:\n      - ${templates[s]}\n    check:\n      jobs:\n${list(check)}    gate:\n      jobs:\n${list(gate)}    periodic:\n      jobs:\n${list(periodic)}`);
  });
  if (hotParents !== HOT_PARENT_USES) throw new Error(`generator: ${HOT_JOB} is the parent of ${hotParents} jobs, not ${HOT_PARENT_USES}`);
  return { repos: [BASE, LIB, CONFIG, ...serviceNames()], configProjects: [BASE, CONFIG], jobs, files, bytes };
}

function serviceNames(): string[] {
  return Array.from({ length: SERVICES }, (_, s) => `gen-service-${s}`);
}
