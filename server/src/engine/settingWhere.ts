// Where a reader sets a setting: in the editor it is `zuul.key` (or the key
// of a repository's .zuul-authoring.yaml, which the editor reads too); on the
// command line there are no editor settings, only that file and --rules.
import { replaceSettingMentions } from '../zuul/settingRef';
import { SETTINGS_FILE } from '../zuul/settings';
import type { Finding } from '../zuul/types';
import type { RuleInfo } from '../zuul/rules';

export type Surface = 'editor' | 'cli';

export function settingWhere(key: string, surface: Surface): string {
  return surface === 'editor' ? `zuul.${key} (or ${key} in ${SETTINGS_FILE})` : `${key} (in ${SETTINGS_FILE} or a --rules file)`;
}

/** `text` with every setting it names worded for `surface`. */
export function renderSettings(text: string, surface: Surface): string {
  return replaceSettingMentions(text, (key) => settingWhere(key, surface));
}

/** The finding as `surface` shows it: the same object when its message names no setting. */
export function findingFor(f: Finding, surface: Surface): Finding {
  const message = renderSettings(f.message, surface);
  return message === f.message ? f : { ...f, message };
}

/** Rule metadata with the summaries worded for `surface`. */
export function rulesFor(rules: ReadonlyMap<string, RuleInfo>, surface: Surface): Map<string, RuleInfo> {
  return new Map([...rules].map(([id, r]) => [id, { ...r, summary: renderSettings(r.summary, surface) }]));
}
