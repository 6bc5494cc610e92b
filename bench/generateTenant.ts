// A synthetic Zuul tenant shaped like OpenDev's, for the tenant-size rows of
// the bench (issue 12): a config project `project-config` with the tenant
// file (zuul/main.yaml), the pipelines, the semaphores, the infra-prod deploy
// jobs and a projects file listing every service (its largest file, as
// OpenDev's projects.yaml is); a `base-jobs` config project with the base
// jobs, nodesets and a secret; a `zuul-jobs`-like library of jobs and
// project-templates; and service repos of about 21 jobs each, whose parent
// chains run 3 to 6 jobs deep and whose check and gate lists carry
// dependencies. Every playbook a job names exists, every files matcher
// matches a file, every name is defined: the checker should find (almost)
// nothing. Seeded: the same (jobs, seed) writes the same bytes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { rng } from '../test/helpers/randomEdits';

export const TENANT_NAME = 'opendev';
export const CONFIG_PROJECT = 'project-config';
export const BASE_JOBS = 'base-jobs';
export const LIBRARY = 'zuul-jobs';
export const BOOTSTRAP_JOB = 'infra-prod-bootstrap-bridge';
/** Where the deploy pipeline's project stanza and every service's config-project stanza live. */
export const PROJECTS_FILE = 'zuul.d/projects.yaml';
const ORG = 'opendev';

/** Jobs of one service repo: an abstract base plus one per kind; its infra-prod job makes 21. */
const SERVICE_KINDS = [
  'tox-py310',
  'tox-py311',
  'tox-py312',
  'tox-pep8',
  'tox-docs',
  'functional',
  'functional-ipv6',
  'integration',
  'upgrade',
  'build-image',
  'upload-image',
  'promote-image',
  'release-notes',
  'linters',
  'unit-arm64',
  'tempest',
  'tempest-slow',
  'devstack',
  'grenade',
];
export const JOBS_PER_SERVICE = SERVICE_KINDS.length + 2;
const SERVICE_WORDS = [
  'nova', 'glance', 'cinder', 'neutron', 'keystone', 'swift', 'heat', 'horizon', 'ironic', 'octavia',
  'designate', 'manila', 'barbican', 'zaqar', 'trove', 'magnum', 'aodh', 'gnocchi', 'kolla', 'tacker',
  'watcher', 'senlin', 'cyborg', 'masakari', 'vitrage', 'blazar', 'freezer', 'mistral', 'zun', 'skyline',
  'gitea', 'etherpad', 'paste', 'gerrit', 'nodepool', 'grafana', 'lodgeit', 'meetpad', 'mailman', 'refstack',
];
const LIB_FAMILIES = ['tox', 'build-image', 'upload-image', 'docs', 'linters', 'unittests', 'functional', 'publish', 'release', 'ansible-lint', 'helm', 'go-test', 'nodejs', 'rust-cargo', 'bazel', 'packaging', 'pages', 'markdownlint', 'shellcheck', 'bindep'];
const LIB_FLAVORS = ['arm64', 'fips', 'ipv6', 'nodeps', 'centos', 'debian', 'noble', 'jammy', 'bookworm', 'minimal'];
const NODESETS: { name: string; nodes: number; label: string }[] = [
  { name: 'ubuntu-noble', nodes: 1, label: 'ubuntu-noble' },
  { name: 'ubuntu-jammy', nodes: 1, label: 'ubuntu-jammy' },
  { name: 'debian-bookworm', nodes: 1, label: 'debian-bookworm' },
  { name: 'centos-9-stream', nodes: 1, label: 'centos-9-stream' },
  { name: 'ubuntu-noble-arm64', nodes: 1, label: 'ubuntu-noble-arm64' },
  { name: 'ubuntu-noble-2-node', nodes: 2, label: 'ubuntu-noble' },
  { name: 'ubuntu-jammy-3-node', nodes: 3, label: 'ubuntu-jammy' },
];
const TEAMS = ['infra', 'compute', 'storage', 'network', 'identity', 'docs', 'release', 'qa'];

export interface LargestFile {
  /** Absolute path. */
  path: string;
  bytes: number;
}

export interface GeneratedTenant {
  root: string;
  /** Tenant project names, `opendev/<folder>`, in the tenant file's order. */
  repos: string[];
  /** Absolute folder of each repo, in the same order. */
  folders: string[];
  /** Folder names of the trusted repos. */
  configProjects: string[];
  jobs: number;
  files: number;
  bytes: number;
  largestFile: LargestFile;
  /** Service folder names. */
  services: string[];
  /** Absolute paths of the service repos' job files (for value edits). */
  serviceJobFiles: string[];
  tenantFile: string;
}

interface Job {
  name: string;
  /** Jobs in the chain from this one up to its base job, both included. */
  depth: number;
  abstract: boolean;
  /** It or an ancestor has files / irrelevant-files: a hard dependency on it may be skipped. */
  filtered: boolean;
}

/** How many services and library jobs make `total` jobs: the library takes what the services leave over. */
export function tenantShape(total: number): { services: number; libraryJobs: number; baseJobs: number } {
  const baseJobs = 3;
  const infraFixed = 2; // infra-prod-playbook and the bootstrap job
  const services = Math.max(2, Math.floor((total * 0.975 - baseJobs - infraFixed) / JOBS_PER_SERVICE));
  const libraryJobs = Math.max(LIB_FAMILIES.length, total - baseJobs - infraFixed - services * JOBS_PER_SERVICE);
  return { services, libraryJobs, baseJobs };
}

/** Writes the tenant below `root` (which must exist or be creatable) and returns what it holds. */
export function generateTenant(root: string, totalJobs: number, seed = 12): GeneratedTenant {
  // Seeded: the same seed makes the same tenant.
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const chance = (p: number) => rand() < p;
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  let files = 0;
  let bytes = 0;
  let largest: LargestFile = { path: '', bytes: 0 };
  const write = (repo: string, rel: string, text: string) => {
    const p = join(root, repo, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
    const n = Buffer.byteLength(text);
    files++;
    bytes += n;
    if (n > largest.bytes) largest = { path: p, bytes: n };
  };
  const playbook = (repo: string, rel: string) => write(repo, rel, `- hosts: all\n  tasks:\n    - name: ${rel}\n      debug:\n        msg: ${repo}\n`);

  const shape = tenantShape(totalJobs);
  const services = Array.from({ length: shape.services }, (_, i) => `${SERVICE_WORDS[i % SERVICE_WORDS.length]}-${Math.floor(i / SERVICE_WORDS.length)}`);
  const folders = [CONFIG_PROJECT, BASE_JOBS, LIBRARY, ...services];
  for (const f of folders) mkdirSync(join(root, f, '.git'), { recursive: true });
  for (const f of folders) {
    write(f, 'README.rst', `${f}\n${'='.repeat(f.length)}\n\nPart of the ${TENANT_NAME} tenant.\n`);
    write(f, 'docs/index.rst', `${f} documentation\n`);
  }
  let jobCount = 0;

  // The config project: tenant file, pipelines, semaphores.
  const tenantText = [
    `- tenant:\n    name: ${TENANT_NAME}\n    source:\n      gerrit:\n        config-projects:\n          - ${ORG}/${CONFIG_PROJECT}\n          - ${ORG}/${BASE_JOBS}\n        untrusted-projects:\n`,
    `          - ${ORG}/${LIBRARY}:\n              shadow: ${ORG}/${BASE_JOBS}\n`,
    ...services.map((s) => `          - ${ORG}/${s}\n`),
  ].join('');
  write(CONFIG_PROJECT, 'zuul/main.yaml', tenantText);
  write(CONFIG_PROJECT, 'zuul.d/pipelines.yaml', PIPELINES);
  const semaphores = Array.from({ length: Math.max(4, Math.ceil(services.length / 20)) }, (_, i) => `${pick(LIB_FAMILIES)}-${i}`);
  write(CONFIG_PROJECT, 'zuul.d/semaphores.yaml', ['- semaphore:\n    name: infra-prod-playbook\n    max: 1\n', ...semaphores.map((s, i) => `- semaphore:\n    name: ${s}\n    max: ${1 + (i % 4)}\n`)].join('\n'));
  write(
    CONFIG_PROJECT,
    '.zuul-authoring.yaml',
    `# Settings for Zuul Authoring: every infra-prod job of deploy waits for the bootstrap job.\nbootstrapJobs:\n  - job: ${BOOTSTRAP_JOB}\n    pipelines: [deploy]\n    appliesTo: ^infra-prod-\n    mustNotInheritFrom: [infra-prod-playbook]\n`,
  );

  // base-jobs: the base jobs (parent: null), nodesets, a secret.
  const b64 = (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(rand() * 256))).toString('base64');
  const secret = `- secret:\n    name: site_logs\n    data:\n      fqdn: logs.opendev.example\n      path: /srv/static/logs\n      ssh_known_hosts: logs.opendev.example ssh-ed25519 ${b64(32)}\n      ssh_private_key: !encrypted/pkcs1-oaep\n${[0, 1, 2].map(() => `        - ${b64(96)}\n`).join('')}`;
  const nodesets = NODESETS.map((n) => `- nodeset:\n    name: ${n.name}\n    nodes:\n${Array.from({ length: n.nodes }, (_, k) => `      - name: ${n.nodes === 1 ? n.label : k === 0 ? 'controller' : `compute${k}`}\n        label: ${n.label}\n`).join('')}${n.nodes > 1 ? `    groups:\n      - name: subnodes\n        nodes:\n${Array.from({ length: n.nodes - 1 }, (_, k) => `          - compute${k + 1}\n`).join('')}` : ''}`);
  write(BASE_JOBS, 'zuul.d/nodesets.yaml', nodesets.join('\n'));
  write(BASE_JOBS, 'zuul.d/secrets.yaml', secret);
  const baseJobs: Job[] = [
    { name: 'base', depth: 1, abstract: false, filtered: false },
    { name: 'base-minimal', depth: 1, abstract: false, filtered: false },
    { name: 'base-test', depth: 1, abstract: false, filtered: false },
  ];
  write(
    BASE_JOBS,
    'zuul.d/jobs.yaml',
    [
      '- job:\n    name: base\n    parent: null\n    description: The base job of the tenant, which every job inherits from.\n    pre-run: playbooks/base/pre.yaml\n    post-run:\n      - playbooks/base/post-ssh.yaml\n      - name: playbooks/base/post-logs.yaml\n        cleanup: true\n    roles:\n      - zuul: opendev/base-jobs\n    timeout: 1800\n    post-timeout: 1800\n    attempts: 3\n    nodeset: ubuntu-noble\n    secrets:\n      - site_logs\n',
      '- job:\n    name: base-minimal\n    parent: null\n    description: A base job without log upload, for jobs that need no nodes.\n    pre-run: playbooks/base-minimal/pre.yaml\n    post-run: playbooks/base-minimal/post.yaml\n    timeout: 1800\n    nodeset:\n      nodes: []\n',
      '- job:\n    name: base-test\n    parent: null\n    description: A copy of base to try changes to it before they reach every job.\n    pre-run: playbooks/base-test/pre.yaml\n    post-run: playbooks/base-test/post.yaml\n    timeout: 1800\n    nodeset: ubuntu-noble\n    secrets:\n      - site_logs\n',
    ].join('\n'),
  );
  jobCount += baseJobs.length;
  for (const p of ['base/pre.yaml', 'base/post-ssh.yaml', 'base/post-logs.yaml', 'base-minimal/pre.yaml', 'base-minimal/post.yaml', 'base-test/pre.yaml', 'base-test/post.yaml']) playbook(BASE_JOBS, `playbooks/${p}`);
  write(BASE_JOBS, 'roles/emit-job-header/tasks/main.yaml', '- name: Print the job header\n  debug:\n    msg: header\n');

  // The library: family roots below a base job, variants below them, flavors below those.
  const lib: Job[] = [];
  const libText: string[] = [];
  const libNames = new Set<string>();
  const unique = (name: string) => {
    let n = name;
    for (let k = 2; libNames.has(n); k++) n = `${name}-${k}`;
    libNames.add(n);
    return n;
  };
  const libPlaybooks = new Set<string>();
  const families = LIB_FAMILIES.slice(0, Math.min(LIB_FAMILIES.length, shape.libraryJobs));
  for (let i = 0; i < shape.libraryJobs; i++) {
    const level = i < families.length ? 1 : chance(0.5) ? 2 : 3;
    let parent: Job;
    let name: string;
    if (level === 1) {
      parent = i % 7 === 6 ? baseJobs[1] : baseJobs[0];
      name = unique(families[i]);
    } else {
      const candidates = lib.filter((j) => j.depth === level);
      parent = candidates.length ? pick(candidates) : pick(lib);
      name = unique(level === 2 ? `${parent.name}-${int(1, 40)}` : `${parent.name}-${pick(LIB_FLAVORS)}`);
    }
    const abstract = level === 1 && i % 4 === 3;
    const irrelevant = level >= 2 && chance(0.3);
    const job: Job = { name, depth: parent.depth + 1, abstract, filtered: parent.filtered || irrelevant };
    lib.push(job);
    jobCount++;
    const lines = [`- job:\n    name: ${name}\n    parent: ${parent.name}\n`];
    lines.push(`    description: Run the ${name.replace(/-/g, ' ')} step of a change.\n`);
    if (abstract) lines.push('    abstract: true\n');
    const fam = name.split('-')[0];
    if (level === 1) {
      lines.push(`    run: playbooks/${fam}/run.yaml\n`);
      libPlaybooks.add(`playbooks/${fam}/run.yaml`);
    }
    if (level >= 2 && chance(0.35)) {
      lines.push(`    pre-run: playbooks/${fam}/pre.yaml\n`);
      libPlaybooks.add(`playbooks/${fam}/pre.yaml`);
    }
    if (chance(0.2)) {
      lines.push(`    post-run: playbooks/${fam}/post.yaml\n`);
      libPlaybooks.add(`playbooks/${fam}/post.yaml`);
    }
    if (chance(0.4)) lines.push(`    nodeset: ${pick(NODESETS).name}\n`);
    if (chance(0.3)) lines.push(`    timeout: ${pick([1800, 2700, 3600, 5400, 7200])}\n`);
    if (irrelevant) lines.push('    irrelevant-files:\n      - ^docs/.*$\n      - ^.*\\.rst$\n');
    if (chance(0.6)) lines.push(`    vars:\n      ${fam.replace(/-/g, '_')}_target: ${name}\n      ${fam.replace(/-/g, '_')}_verbose: ${chance(0.5) ? 'true' : 'false'}\n`);
    libText.push(lines.join(''));
  }
  const LIB_PER_FILE = 120;
  for (let f = 0; f * LIB_PER_FILE < libText.length; f++) write(LIBRARY, `zuul.d/jobs-${String(f).padStart(2, '0')}.yaml`, libText.slice(f * LIB_PER_FILE, (f + 1) * LIB_PER_FILE).join('\n'));
  for (const p of libPlaybooks) playbook(LIBRARY, p);
  const runnable = lib.filter((j) => !j.abstract);
  const templates: string[] = [];
  const templateText: string[] = [];
  for (let t = 0; t < Math.max(8, Math.round(shape.libraryJobs / 8)); t++) {
    const name = `${pick(families)}-jobs-${t}`;
    templates.push(name);
    const jobs = [...new Set(Array.from({ length: int(3, 6) }, () => pick(runnable).name))];
    const gate = jobs.slice(0, Math.min(2, jobs.length));
    templateText.push(`- project-template:\n    name: ${name}\n    description: The ${name} jobs.\n    check:\n      jobs:\n${jobs.map((j) => `        - ${j}\n`).join('')}    gate:\n      jobs:\n${gate.map((j) => `        - ${j}\n`).join('')}`);
  }
  write(LIBRARY, 'zuul.d/project-templates.yaml', templateText.join('\n'));
  write(LIBRARY, 'zuul.d/project.yaml', `- project:\n    check:\n      jobs:\n${runnable.slice(0, 3).map((j) => `        - ${j.name}\n`).join('')}    gate:\n      jobs:\n        - ${runnable[0].name}\n`);

  // Service repos: an abstract base below a library job, then one job per kind, each below its base, an earlier one or a library job.
  const serviceJobFiles: string[] = [];
  const postJobs = runnable.filter((j) => /^(publish|upload-image|release|pages)/.test(j.name));
  const serviceStanzas: string[] = [];
  for (const svc of services) {
    const own: Job[] = [];
    const text: string[] = [];
    const pbs = new Set<string>();
    const baseParent = pick(lib.filter((j) => j.depth <= 3));
    const svcBase: Job = { name: `${svc}-base`, depth: baseParent.depth + 1, abstract: true, filtered: baseParent.filtered };
    own.push(svcBase);
    text.push(`- job:\n    name: ${svcBase.name}\n    parent: ${baseParent.name}\n    description: Common settings of every ${svc} job.\n    abstract: true\n    required-projects:\n      - ${ORG}/${svc}\n    vars:\n      service_name: ${svc}\n`);
    for (const kind of SERVICE_KINDS) {
      const under = own.filter((j) => j.depth >= 2 && j.depth <= 5);
      const r = rand();
      const parent = r < 0.4 && svcBase.depth <= 5 ? svcBase : r < 0.75 && under.length ? pick(under) : pick(lib.filter((j) => j.depth >= 2 && j.depth <= 5));
      const files = chance(0.2);
      const irrelevant = !files && chance(0.2);
      const job: Job = { name: `${svc}-${kind}`, depth: parent.depth + 1, abstract: false, filtered: parent.filtered || files || irrelevant };
      own.push(job);
      const lines = [`- job:\n    name: ${job.name}\n    parent: ${parent.name}\n    description: Run ${kind} for ${svc}.\n`];
      if (chance(0.5)) {
        lines.push(`    run: playbooks/${kind}.yaml\n`);
        pbs.add(`playbooks/${kind}.yaml`);
      }
      if (chance(0.2)) {
        lines.push('    pre-run: playbooks/pre.yaml\n');
        pbs.add('playbooks/pre.yaml');
      }
      if (chance(0.15)) {
        lines.push('    post-run: playbooks/post.yaml\n');
        pbs.add('playbooks/post.yaml');
      }
      if (chance(0.3)) lines.push(`    nodeset: ${pick(NODESETS).name}\n`);
      if (chance(0.3)) lines.push(`    timeout: ${pick([1800, 3600, 5400, 7200, 10800])}\n`);
      if (chance(0.05)) lines.push(`    semaphores:\n      - ${pick(semaphores)}\n`);
      if (chance(0.25)) lines.push(`    required-projects:\n      - ${ORG}/${svc}\n      - ${ORG}/${LIBRARY}\n`);
      if (files) lines.push(`    files:\n      - ^${svc.replace(/-\d+$/, '')}/.*$\n      - ^tox.ini$\n`);
      if (irrelevant) lines.push('    irrelevant-files:\n      - ^docs/.*$\n      - ^releasenotes/.*$\n');
      if (chance(0.5)) lines.push(`    vars:\n      tox_envlist: ${kind.replace(/^tox-/, '')}\n      ${kind.replace(/-/g, '_')}_shard: ${int(0, 9)}\n`);
      text.push(lines.join(''));
    }
    jobCount += own.length;
    const jobsFile = 'zuul.d/jobs.yaml';
    write(svc, jobsFile, text.join('\n'));
    serviceJobFiles.push(join(root, svc, jobsFile));
    for (const p of pbs) playbook(svc, p);
    const pkg = svc.replace(/-\d+$/, '');
    write(svc, `${pkg}/__init__.py`, '');
    write(svc, `${pkg}/api.py`, 'def main():\n    return 0\n');
    write(svc, 'tox.ini', '[tox]\nenvlist = py3,pep8\n');
    write(svc, 'setup.cfg', `[metadata]\nname = ${svc}\n`);
    write(svc, 'releasenotes/notes/initial.yaml', '---\nfeatures:\n  - First release.\n');

    // The repo's own stanza: most jobs in check, some of them in gate, some with dependencies on earlier entries.
    const concrete = own.filter((j) => !j.abstract);
    const check = concrete.filter(() => chance(0.65));
    if (!check.length) check.push(concrete[0]);
    const gate = check.filter(() => chance(0.5));
    const list = (jobs: Job[]) =>
      jobs
        .map((j, i) => {
          if (i === 0 || !chance(0.3)) return `        - ${j.name}\n`;
          const earlier = jobs.slice(0, i);
          const hardable = earlier.filter((e) => !e.filtered);
          const deps: string[] = [];
          if (hardable.length) deps.push(`              - ${pick(hardable).name}\n`);
          const soft = pick(earlier).name;
          if (chance(0.5) && !deps.some((d) => d.endsWith(` ${soft}\n`))) deps.push(`              - name: ${soft}\n                soft: true\n`);
          if (!deps.length) deps.push(`              - name: ${soft}\n                soft: true\n`);
          return `        - ${j.name}:\n            dependencies:\n${deps.join('')}`;
        })
        .join('');
    write(svc, 'zuul.d/project.yaml', `- project:\n    check:\n      jobs:\n${list(check)}${gate.length ? `    gate:\n      jobs:\n${list(gate)}` : ''}`);

    // The config project's stanza for the service: templates, post and periodic jobs.
    const tmpl = [...new Set([pick(templates), pick(templates)])];
    const periodic = chance(0.3) ? `    periodic:\n      jobs:\n        - ${pick(concrete).name}\n` : '';
    const post = postJobs.length && chance(0.5) ? `    post:\n      jobs:\n        - ${pick(postJobs).name}\n` : '';
    serviceStanzas.push(`# ${ORG}/${svc}: maintained by the ${pick(TEAMS)} team.\n- project:\n    name: ${ORG}/${svc}\n    templates:\n${tmpl.map((t) => `      - ${t}\n`).join('')}${post}${periodic}`);
  }

  // The deploy jobs: one per service below infra-prod-playbook, each with file matchers on its playbook and inventory.
  const infra: string[] = [
    `- job:\n    name: infra-prod-playbook\n    parent: base\n    abstract: true\n    description: Run the playbook named by playbook_name against production.\n    semaphores: infra-prod-playbook\n    run: playbooks/infra-prod/run-production-playbook.yaml\n    post-run: playbooks/infra-prod/run-production-playbook-post.yaml\n    required-projects:\n      - ${ORG}/${CONFIG_PROJECT}\n    nodeset:\n      nodes: []\n`,
    `- job:\n    name: ${BOOTSTRAP_JOB}\n    parent: base\n    description: Put this buildset's checkout on the bastion host and install Ansible there; every other deploy job waits for it.\n    run: playbooks/infra-prod/bootstrap-bridge.yaml\n    nodeset:\n      nodes: []\n`,
  ];
  jobCount += 2;
  for (const p of ['run-production-playbook.yaml', 'run-production-playbook-post.yaml', 'bootstrap-bridge.yaml']) playbook(CONFIG_PROJECT, `playbooks/infra-prod/${p}`);
  const deploy: string[] = [`        - ${BOOTSTRAP_JOB}\n`];
  services.forEach((svc, i) => {
    infra.push(`- job:\n    name: infra-prod-${svc}\n    parent: infra-prod-playbook\n    description: Deploy ${svc} to production.\n    vars:\n      playbook_name: service-${svc}.yaml\n    files:\n      - ^playbooks/service-${svc}\\.yaml$\n      - ^inventory/service/group_vars/${svc}\\.yaml$\n`);
    jobCount++;
    playbook(CONFIG_PROJECT, `playbooks/service-${svc}.yaml`);
    write(CONFIG_PROJECT, `inventory/service/group_vars/${svc}.yaml`, `${svc.replace(/-/g, '_')}_enabled: true\n`);
    const soft = i > 0 && chance(0.35) ? [...new Set(Array.from({ length: int(1, 2) }, () => services[int(Math.max(0, i - 30), i - 1)]))] : [];
    deploy.push(`        - infra-prod-${svc}:\n            dependencies:\n              - ${BOOTSTRAP_JOB}\n${soft.map((s) => `              - name: infra-prod-${s}\n                soft: true\n`).join('')}`);
  });
  write(CONFIG_PROJECT, 'zuul.d/infra-prod.yaml', infra.join('\n'));
  const own = `- project:\n    name: ${ORG}/${CONFIG_PROJECT}\n    check:\n      jobs:\n        - ${runnable[0].name}\n    gate:\n      jobs:\n        - ${runnable[0].name}\n    deploy:\n      jobs:\n${deploy.join('')}`;
  write(CONFIG_PROJECT, PROJECTS_FILE, [own, ...serviceStanzas].join('\n'));
  if (largest.path !== join(root, CONFIG_PROJECT, PROJECTS_FILE)) throw new Error(`generateTenant: the largest file is ${largest.path}, not ${PROJECTS_FILE}`);

  return {
    root,
    repos: folders.map((f) => `${ORG}/${f}`),
    folders: folders.map((f) => join(root, f)),
    configProjects: [CONFIG_PROJECT, BASE_JOBS],
    jobs: jobCount,
    files,
    bytes,
    largestFile: largest,
    services,
    serviceJobFiles,
    tenantFile: join(root, CONFIG_PROJECT, 'zuul/main.yaml'),
  };
}

const PIPELINES = `- pipeline:
    name: check
    description: Newly uploaded patchsets enter this pipeline to receive an initial +/-1 Verified vote.
    manager: independent
    precedence: normal
    require:
      gerrit:
        open: true
        current-patchset: true
    trigger:
      gerrit:
        - event: patchset-created
        - event: change-restored
        - event: comment-added
          comment: (?i)^(Patch Set [0-9]+:)?( [\\w\\\\+-]*)*(\\n\\n)?\\s*recheck
    start:
      gerrit:
        Verified: 0
    success:
      gerrit:
        Verified: 1
    failure:
      gerrit:
        Verified: -1

- pipeline:
    name: gate
    description: Changes that have been approved are enqueued in order in this pipeline, and if they pass tests, will be merged.
    manager: dependent
    precedence: high
    post-review: true
    require:
      gerrit:
        open: true
        current-patchset: true
        approval:
          - Workflow: 1
    trigger:
      gerrit:
        - event: comment-added
          approval:
            - Workflow: 1
    start:
      gerrit:
        Verified: 0
    success:
      gerrit:
        Verified: 2
        submit: true
    failure:
      gerrit:
        Verified: -2
    window-floor: 20
    window-increase-factor: 2

- pipeline:
    name: post
    description: This pipeline runs jobs that operate after each change is merged.
    manager: independent
    precedence: high
    post-review: true
    trigger:
      gerrit:
        - event: ref-updated
          ref: ^refs/heads/.*$

- pipeline:
    name: deploy
    description: Deploy merged changes of the config project to production.
    manager: independent
    precedence: high
    post-review: true
    trigger:
      gerrit:
        - event: change-merged
    failure:
      gerrit: {}

- pipeline:
    name: periodic
    description: Jobs in this queue are triggered daily.
    manager: independent
    precedence: low
    post-review: true
    trigger:
      timer:
        - time: '0 2 * * *'
`;
