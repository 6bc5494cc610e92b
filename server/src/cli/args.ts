// Command-line parsing by hand: four options do not justify a dependency, and
// every mistake must end as a one-line message, never a library's stack trace.

export type Format = 'text' | 'json' | 'sarif';
const FORMATS: readonly Format[] = ['text', 'json', 'sarif'];

export interface Options {
  paths: string[];
  format: Format;
  rulesFiles: string[];
  quiet: boolean;
  help: boolean;
  version: boolean;
  listRules: boolean;
  fix: boolean;
  /** `--tenant FILE`: Zuul's tenant file (main.yaml) to check the repositories against. */
  tenant?: string;
  tenantName?: string;
  /** `zuul-check explain JOB`: print the effective job instead of checking. */
  explain?: { job: string; project?: string; pipeline?: string; branch?: string };
  /** `zuul-check jobs-for [FILE...]`: print which jobs the changed files run; the workspace is the current directory. */
  jobsFor?: { files: string[]; diff?: string; project?: string; pipeline?: string; branch?: string };
}

/** Bad usage: the message is shown as is and the exit code is 2. */
export class UsageError extends Error {}

export const USAGE = `Usage: zuul-check [PATH...] [options]

Checks Zuul configuration (zuul.yaml, zuul.d/, .zuul.yaml, .zuul.d/) with the
same rules as the Zuul Authoring editor extension.

PATH is a directory holding one or more repositories (all are checked as one
Zuul world) or a configuration file (its repository is checked, only that file
is reported). Default: the current directory.

Options:
  -f, --format FORMAT  text (default), json or sarif (SARIF 2.1.0)
  -r, --rules FILE     YAML or JSON settings, as in .zuul-authoring.yaml
                       (rules, extraConfigPaths, externalNames, bootstrapJobs,
                       parentRules, playbookVariables, configProjects,
                       tenantConfig, tenantName, tenantProjects); they
                       win over the repositories' own files. May be repeated.
  -t, --tenant FILE    Zuul's tenant file (main.yaml): which projects are trusted,
                       what each loads and in which order; when every project
                       of the tenant is open, unknown names are errors, as in
                       Zuul. Default: a repository's zuul/main.yaml, if any
      --tenant-name NAME
                       the tenant of that file to use when it defines several
  -q, --quiet          report errors only, without the summary line
  -h, --help           show this help
      --fix            apply the preferred quick fix of each finding to the files
                       on disk (as the editor's fix-all does), then report
      --list-rules     list every rule id with its default severity (text or json)
  -v, --version        show the version

Exit status: 0 no errors, 1 errors found, 2 bad usage, 3 internal error.

  zuul-check explain JOB [PATH...] [--project P --pipeline Q] [--branch B]
                       [--format text|json]
Prints what Zuul would freeze for JOB, each value with the file and line that
set it: the parent chain and variants that apply on branch B, then (with a
project and a pipeline) that project-pipeline's variants and vars. Exit
status: 0 printed, 2 bad usage or no such job.

  zuul-check jobs-for [FILE...] [--diff REV] [--project P] [--pipeline Q]
                       [--branch B] [--format text|json]
Prints, for each pipeline of the changed project, the jobs the change runs and
those it does not, with the files or irrelevant-files entry that decided. The
changed files are FILE... (of the repositories under the current directory),
else git's: those changed since REV, else those not committed yet. Exit
status: 0, or 1 when a job runs without a bootstrap or soft dependency that the
change filters out; 2 bad usage.`;

export function parseArgs(argv: string[]): Options {
  const o: Options = { paths: [], format: 'text', rulesFiles: [], quiet: false, help: false, version: false, listRules: false, fix: false };
  let onlyPaths = false;
  let start = 0;
  if (argv[0] === 'explain') {
    const job = argv[1];
    if (job === undefined || job.startsWith('-')) throw new UsageError('explain needs a job name: zuul-check explain JOB');
    o.explain = { job };
    start = 2;
  } else if (argv[0] === 'jobs-for') {
    o.jobsFor = { files: [] };
    start = 1;
  }
  const sub = o.explain ?? o.jobsFor;
  for (let i = start; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyPaths || arg === '-' || !arg.startsWith('-')) {
      if (o.jobsFor) o.jobsFor.files.push(arg);
      else o.paths.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPaths = true;
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      if (eq > 0) return arg.slice(eq + 1);
      const next = argv[i + 1];
      if (next === undefined) throw new UsageError(`option ${name} needs a value`);
      i++;
      return next;
    };
    const flag = () => {
      if (eq > 0) throw new UsageError(`option ${name} takes no value`);
    };
    switch (name) {
      case '-f':
      case '--format': {
        const v = value();
        if (!FORMATS.includes(v as Format)) throw new UsageError(`unknown format "${v}" (expected ${FORMATS.join(', ')})`);
        o.format = v as Format;
        break;
      }
      case '-r':
      case '--rules': {
        const v = value();
        if (v === '') throw new UsageError(`option ${name} needs a file name`);
        o.rulesFiles.push(v);
        break;
      }
      case '-t':
      case '--tenant': {
        const v = value();
        if (v === '') throw new UsageError(`option ${name} needs a file name`);
        o.tenant = v;
        break;
      }
      case '--tenant-name': {
        const v = value();
        if (v === '') throw new UsageError(`option ${name} needs a tenant name`);
        o.tenantName = v;
        break;
      }
      case '-q':
      case '--quiet':
        flag();
        o.quiet = true;
        break;
      case '-h':
      case '--help':
        flag();
        o.help = true;
        break;
      case '--fix':
        flag();
        o.fix = true;
        break;
      case '--list-rules':
        flag();
        o.listRules = true;
        break;
      case '--project':
      case '--pipeline':
      case '--branch': {
        if (!sub) throw new UsageError(`option ${name} belongs to zuul-check explain and jobs-for`);
        const v = value();
        if (v === '') throw new UsageError(`option ${name} needs a value`);
        sub[name.slice(2) as 'project' | 'pipeline' | 'branch'] = v;
        break;
      }
      case '--diff': {
        if (!o.jobsFor) throw new UsageError(`option ${name} belongs to zuul-check jobs-for`);
        const v = value();
        if (v === '') throw new UsageError(`option ${name} needs a revision`);
        o.jobsFor.diff = v;
        break;
      }
      case '-v':
      case '--version':
        flag();
        o.version = true;
        break;
      default:
        throw new UsageError(`unknown option "${arg}"`);
    }
  }
  return o;
}
