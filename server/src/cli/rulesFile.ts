// `--rules FILE`: the editor-level settings layer for a run. Unlike a repo's
// .zuul-authoring.yaml, a broken file here stops the run, because silently
// ignoring it would report (or hide) findings the user asked to change.
import { dirname, resolve } from 'node:path';
import { composeDataFile, dataOf } from '../zuul/compose';
import { readTextFile } from '../zuul/readFile';
import { DEPRECATED_SETTINGS, normalizeSettings, SETTING_KEYS, type Settings } from '../zuul/settings';
import { UsageError } from './args';

const MAX_RULES_BYTES = 1024 * 1024;

/** `path` is read relative to `cwd` and shown as the user wrote it. */
export function readRulesFile(path: string, cwd: string, knownRules: ReadonlySet<string>, warn: (message: string) => void): Partial<Settings> {
  // A pipe the user names (`--rules /dev/stdin`) is read, up to the cap.
  const read = readTextFile(resolve(cwd, path), { maxBytes: MAX_RULES_BYTES, allowSpecial: true });
  if ('problem' in read) {
    const why = read.problem === 'too-large' ? `larger than ${MAX_RULES_BYTES / 1024 / 1024} MB` : read.detail;
    throw new UsageError(`cannot read rules file ${path}: ${why}`);
  }
  // YAML 1.2 reads JSON too, so one parser serves both kinds of file.
  const file = composeDataFile(read.text, true);
  if ('problem' in file) throw new UsageError(`rules file ${path} ${file.problem}`);
  const { doc } = file;
  if (doc?.errors.length) {
    const first = doc.errors[0].message.split('\n')[0].replace(/:\s*$/, '');
    throw new UsageError(`rules file ${path} is not valid YAML or JSON: ${first}`);
  }
  let raw: unknown;
  try {
    raw = dataOf(doc);
  } catch (e) {
    throw new UsageError(`rules file ${path} could not be read: ${(e as Error).message}`);
  }
  // Still read; a rules file has no place for a finding, so the rename is a warning of the run.
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    for (const [old, now] of Object.entries(DEPRECATED_SETTINGS)) if (old in raw) warn(`rules file ${path}: ${old} is deprecated; rename it to ${now}`);
  }
  const problems: string[] = [];
  const settings = normalizeSettings(raw, (key, message) => problems.push(key ? `${key}: ${message}` : message));
  if (problems.length) throw new UsageError(`rules file ${path}: ${problems.join('; ')}`);
  if (settings.tenantConfig !== undefined) settings.tenantConfig = resolve(dirname(resolve(cwd, path)), settings.tenantConfig);
  // An unknown id is most likely a typo; warn rather than fail so that a rules
  // file shared between versions of the tool keeps working.
  for (const id of Object.keys(settings.rules ?? {})) {
    if (!knownRules.has(id)) warn(`rules file ${path}: unknown rule id "${id}"`);
  }
  return settings;
}

/** Later files win per key (per rule id for `rules`), as settings layers do in the editor. */
export function readRulesFiles(paths: string[], cwd: string, knownRules: ReadonlySet<string>, warn: (message: string) => void): Partial<Settings> {
  // Not mergeSettings: it fills in defaults, and a default here would override
  // the repositories' own settings for keys no rules file mentions.
  const out: Record<string, unknown> = {};
  for (const layer of paths.map((p) => readRulesFile(p, cwd, knownRules, warn))) {
    for (const key of SETTING_KEYS) {
      const v = layer[key];
      if (v === undefined) continue;
      const merge = key === 'rules' || key === 'extraConfigPaths' || key === 'tenantProjects';
      out[key] = merge ? { ...(out[key] as object | undefined), ...(v as object) } : v;
    }
  }
  return out as Partial<Settings>;
}
