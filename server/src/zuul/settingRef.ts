// A message or rule summary names a setting through `settingMention(key)`,
// not in words: the editor reads `zuul.key`, the command line a key of
// .zuul-authoring.yaml or a --rules file, and only the surface showing the
// text knows which (engine/settingWhere.ts renders it).
import type { SettingKey } from './settings';

/** Which setting would silence or configure a finding, and the value to add where one fits (an unknown name). */
export interface SettingRef {
  key: SettingKey;
  value?: string;
}

const MARK = /\{\{setting:([A-Za-z]+)\}\}/g;

/** A placeholder for "the setting `key`", replaced by the surface that shows the text. */
export function settingMention(key: SettingKey): string {
  return `{{setting:${key}}}`;
}

/** `text` with each placeholder replaced by `word(key)`. */
export function replaceSettingMentions(text: string, word: (key: string) => string): string {
  return text.includes('{{setting:') ? text.replace(MARK, (_, key: string) => word(key)) : text;
}
