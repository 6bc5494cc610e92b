// The user's knobs, from editor settings and/or a `.zuul-authoring.yaml` at a
// repo root. Editor settings win over the file.
import { dirname, resolve } from 'node:path';
import { isMap } from 'yaml';
import { composeDataFile, dataOf } from './compose';
import type { Finding, RuleSetting } from './types';
import { LineIndex } from './text';
import type { RuleInfo } from './rules';

export interface BootstrapJobSetting {
  /** Name of the job every other job of the pipeline must wait for. */
  job: string;
  /** Pipelines where it applies; all when absent. */
  pipelines?: string[];
  /** RE2 pattern: only jobs whose names match must depend on it. */
  appliesTo?: string;
  /** Parents the bootstrap job must not descend from. */
  mustNotInheritFrom?: string[];
  /**
   * Accept a soft dependency as waiting (default false): a soft dependency
   * does not force the bootstrap job to run when its file matchers skip it.
   */
  allowSoft?: boolean;
}

export interface ParentRule {
  /** RE2 pattern on job names. */
  pattern: string;
  /** The ancestor such jobs must descend from. */
  ancestor: string;
}

export interface PlaybookVariable {
  /** Variable name, e.g. `playbook_name`. */
  name: string;
  /** Folder the value is relative to, e.g. `playbooks/`. */
  base?: string;
}

export interface Settings {
  rules: Record<string, RuleSetting>;
  /** Repo name (or `*`) -> tenant extra-config-paths. */
  extraConfigPaths: Record<string, string[]>;
  /** Jobs, nodesets, templates and semaphores defined outside the workspace: names, or RE2 patterns starting with `^`. */
  externalNames: string[];
  bootstrapJobs: BootstrapJobSetting[];
  parentRules: ParentRule[];
  playbookVariables: PlaybookVariable[];
  configProjects: string[];
  /** The tenant file (Zuul's main.yaml): absolute, or relative to the repo of the settings file or to the first workspace folder. */
  tenantConfig?: string;
  /** Which tenant of that file, when it holds several. */
  tenantName?: string;
  /** Tenant project name -> the workspace folder that holds it, where the folder is not named after the project. */
  tenantProjects: Record<string, string>;
  /** The Ansible versions the deployment supports (Zuul's ansible-config); default: those of Zuul 11.3 and newer. */
  ansibleVersions?: string[];
}

export const SETTING_KEYS = ['rules', 'extraConfigPaths', 'externalNames', 'bootstrapJobs', 'parentRules', 'playbookVariables', 'configProjects', 'tenantConfig', 'tenantName', 'tenantProjects', 'ansibleVersions'] as const;

export type SettingKey = (typeof SETTING_KEYS)[number];

/**
 * Old names still read, each with the key that replaced it: a file or an
 * editor that uses one keeps working, and the deprecated-setting rule says
 * what to rename.
 */
export const DEPRECATED_SETTINGS: Readonly<Record<string, SettingKey>> = { externalJobs: 'externalNames' };

export const SETTINGS_FILE = '.zuul-authoring.yaml';

export const SETTINGS_RULES: RuleInfo[] = [
  { id: 'invalid-settings-file', severity: 'error', summary: `A malformed ${SETTINGS_FILE} (unknown key, wrong type); the bad part is ignored.` },
];

export function defaultSettings(): Settings {
  return { rules: {}, extraConfigPaths: {}, externalNames: [], bootstrapJobs: [], parentRules: [], playbookVariables: [], configProjects: [], tenantProjects: {} };
}

const SEVERITIES = new Set(['error', 'warning', 'info', 'hint', 'off']);

/** Keeps only well-formed values; reports the rest through `problem`. */
export function normalizeSettings(raw: unknown, problem: (key: string, message: string) => void = () => {}): Partial<Settings> {
  const out: Partial<Settings> = {};
  if (raw == null) return out;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problem('', 'settings must be a mapping of setting names to values');
    return out;
  }
  const isStrList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    switch (key) {
      case 'rules': {
        if (value == null || typeof value !== 'object' || Array.isArray(value)) {
          problem(key, 'rules must map rule ids to error, warning, info or off');
          break;
        }
        const rules: Record<string, RuleSetting> = {};
        for (const [id, sev] of Object.entries(value as Record<string, unknown>)) {
          if (typeof sev === 'string' && SEVERITIES.has(sev)) rules[id] = sev as RuleSetting;
          else if (sev === false) rules[id] = 'off';
          else problem(`rules.${id}`, `severity of ${id} must be error, warning, info or off, not ${JSON.stringify(sev)}`);
        }
        out.rules = rules;
        break;
      }
      case 'extraConfigPaths': {
        if (isStrList(value)) out.extraConfigPaths = { '*': value };
        else if (value && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every(isStrList)) out.extraConfigPaths = value as Record<string, string[]>;
        else problem(key, 'extraConfigPaths must be a list of paths, or map repo names to lists of paths');
        break;
      }
      case 'externalNames':
      case 'externalJobs':
        // Both names in one layer: the names of both count.
        if (isStrList(value)) out.externalNames = [...new Set([...(out.externalNames ?? []), ...value])];
        else problem(key, `${key} must be a list of strings`);
        break;
      case 'configProjects':
        if (isStrList(value)) out[key] = value;
        else problem(key, `${key} must be a list of strings`);
        break;
      case 'bootstrapJobs':
        if (Array.isArray(value) && value.every((v) => v && typeof v === 'object' && typeof (v as BootstrapJobSetting).job === 'string')) out.bootstrapJobs = value as BootstrapJobSetting[];
        else problem(key, 'bootstrapJobs must be a list of {job, pipelines?, appliesTo?, mustNotInheritFrom?}');
        break;
      case 'parentRules':
        if (Array.isArray(value) && value.every((v) => v && typeof v === 'object' && typeof (v as ParentRule).pattern === 'string' && typeof (v as ParentRule).ancestor === 'string')) out.parentRules = value as ParentRule[];
        else problem(key, 'parentRules must be a list of {pattern, ancestor}');
        break;
      case 'playbookVariables':
        if (Array.isArray(value) && value.every((v) => typeof v === 'string' || (v && typeof v === 'object' && typeof (v as PlaybookVariable).name === 'string'))) {
          out.playbookVariables = value.map((v) => (typeof v === 'string' ? { name: v } : (v as PlaybookVariable)));
        } else problem(key, 'playbookVariables must be a list of variable names or {name, base}');
        break;
      case 'tenantConfig':
      case 'tenantName':
        if (typeof value === 'string' && value.trim() !== '') out[key] = value;
        else if (value != null && value !== '') problem(key, `${key} must be a string`);
        break;
      case 'tenantProjects':
        if (value && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string')) out.tenantProjects = value as Record<string, string>;
        else problem(key, 'tenantProjects must map tenant project names to folder names');
        break;
      case 'ansibleVersions':
        // Zuul compares str(ansible-version): 9 and "9" are the same version.
        if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v)))) out.ansibleVersions = value.map(String);
        else problem(key, 'ansibleVersions must be a non-empty list of versions, e.g. [9, 11]');
        break;
      case 'trace':
        break;
      default:
        problem(key, `unknown setting "${key}"; known settings: ${SETTING_KEYS.join(', ')}`);
    }
  }
  return out;
}

/** Reads a `.zuul-authoring.yaml`; problems become findings at the offending key. */
export function readSettingsFile(path: string, text: string): { settings: Partial<Settings>; findings: Finding[] } {
  const findings: Finding[] = [];
  const lines = new LineIndex(text);
  const fail = (message: string, a = 0, b = 0) => {
    findings.push({ rule: 'invalid-settings-file', severity: 'error', message, file: path, range: lines.range(a, b) });
    return { settings: {}, findings };
  };
  // YAML 1.2 here: our own file, where `off` must stay the word, not a boolean.
  const file = composeDataFile(text, false);
  if ('problem' in file) return fail(`${SETTINGS_FILE} ${file.problem}; its settings are ignored.`, file.range[0], file.range[1]);
  const { doc } = file;
  if (!doc) return { settings: {}, findings };
  for (const err of doc.errors) {
    findings.push({ rule: 'invalid-settings-file', severity: 'error', message: `${SETTINGS_FILE} is not valid YAML (${err.message.split('\n')[0]}); its settings are ignored.`, file: path, range: lines.range(err.pos[0], err.pos[1]) });
  }
  if (doc.errors.length) return { settings: {}, findings };
  const where = (key: string) => {
    const top = key.split('.')[0];
    if (isMap(doc.contents)) {
      for (const p of doc.contents.items) {
        const k = p.key as { value?: unknown; range?: [number, number, number] };
        if (k && k.value === top && k.range) return lines.range(k.range[0], k.range[1]);
      }
    }
    return lines.range(0, 0);
  };
  let raw: unknown;
  try {
    raw = dataOf(doc);
  } catch (e) {
    return fail(`${SETTINGS_FILE} could not be read (${(e as Error).message}); its settings are ignored.`);
  }
  const settings = normalizeSettings(raw, (key, message) =>
    findings.push({ rule: 'invalid-settings-file', severity: 'error', message: `${SETTINGS_FILE}: ${message}.`, file: path, range: where(key) }),
  );
  if (settings.tenantConfig !== undefined) settings.tenantConfig = resolve(dirname(path), settings.tenantConfig);
  return { settings, findings };
}

/** Later layers win per key; `rules` merge per rule id. */
export function mergeSettings(layers: Partial<Settings>[] = []): Settings {
  const out = defaultSettings();
  for (const l of layers) {
    for (const key of SETTING_KEYS) {
      const v = l[key];
      if (v === undefined) continue;
      if (key === 'rules') out.rules = { ...out.rules, ...(v as Settings['rules']) };
      // Names declared external anywhere stay external: declaring one more in the editor must not drop a repo's list.
      else if (key === 'externalNames') out.externalNames = [...new Set([...out.externalNames, ...(v as string[])])];
      else if (key === 'extraConfigPaths') out.extraConfigPaths = { ...out.extraConfigPaths, ...(v as Settings['extraConfigPaths']) };
      else if (key === 'tenantProjects') out.tenantProjects = { ...out.tenantProjects, ...(v as Settings['tenantProjects']) };
      else (out as unknown as Record<string, unknown>)[key] = v;
    }
  }
  return out;
}
