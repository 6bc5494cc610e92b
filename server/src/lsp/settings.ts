// The `zuul` configuration section -> engine settings. Bad values are reported
// and dropped key by key; a typo in settings must never stop the server.
import type { Connection } from 'vscode-languageserver';
import { DEPRECATED_SETTINGS, normalizeSettings, SETTING_KEYS, type Settings } from '../zuul/settings';

export interface SettingsProblems {
  /** Shown to the user: a known setting with a value we cannot use. */
  invalid: string[];
  /** Logged only: keys we do not own (the client may declare UI-only settings under `zuul`). */
  unknown: string[];
}

const OWN_KEYS = new Set<string>([...SETTING_KEYS, ...Object.keys(DEPRECATED_SETTINGS), 'trace']);

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Clients send either the section itself or the whole settings tree (`{ zuul: {...} }`). */
export function sectionOf(raw: unknown): unknown {
  return isObject(raw) && isObject(raw.zuul) ? raw.zuul : raw;
}

export function toEngineSettings(raw: unknown): { settings: Partial<Settings>; problems: SettingsProblems } {
  const problems: SettingsProblems = { invalid: [], unknown: [] };
  const section = sectionOf(raw);
  if (section == null) return { settings: {}, problems };
  if (!isObject(section)) {
    problems.invalid.push('the "zuul" settings must be an object');
    return { settings: {}, problems };
  }
  const known: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(section)) {
    // Unset settings arrive as null from some clients: that means "default", not "invalid".
    if (value === null || value === undefined) continue;
    // VS Code sends every declared setting with its default ([] or {}); an empty
    // value must not hide what a repo's .zuul-authoring.yaml says.
    if ((Array.isArray(value) && value.length === 0) || (isObject(value) && Object.keys(value).length === 0)) continue;
    if (OWN_KEYS.has(key)) known[key] = value;
    else problems.unknown.push(key);
  }
  const settings = normalizeSettings(known, (key, message) => problems.invalid.push(`zuul.${key}: ${message}`));
  return { settings, problems };
}

export interface SettingsSource {
  connection: Connection;
  /** The client answers `workspace/configuration`. */
  pull: boolean;
  initializationOptions: unknown;
}

/** Asks the client for the `zuul` section, falling back to what it sent at initialize. */
export async function fetchSettings(src: SettingsSource, pushed?: unknown): Promise<unknown> {
  if (src.pull) {
    try {
      return await src.connection.workspace.getConfiguration({ section: 'zuul' });
    } catch (e) {
      src.connection.console.error(`workspace/configuration failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (pushed !== undefined && pushed !== null) return pushed;
  return src.initializationOptions;
}
