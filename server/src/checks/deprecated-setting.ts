// A `.zuul-authoring.yaml` key that was renamed (externalJobs, which always
// took nodesets, templates and semaphores too, is now externalNames). The
// old key is still read, so nothing breaks; the finding says what to rename
// and the quick fix does it.
import { isMap, isScalar } from 'yaml';
import type { Check, Finding } from './check';
import { composeDataFile } from '../zuul/compose';
import { LineIndex } from '../zuul/text';
import { DEPRECATED_SETTINGS, SETTINGS_FILE } from '../zuul/settings';

export interface DeprecatedSettingData {
  key: string;
  replacement: string;
  /** The file sets the new key too: renaming would make a duplicate key, so the lists must be merged by hand. */
  both: boolean;
}

export const deprecatedSetting: Check = {
  id: 'deprecated-setting',
  severity: 'warning',
  summary: `A ${SETTINGS_FILE} key under an old name (externalJobs, now externalNames); it is still read. The quick fix renames it.`,
  check(ctx) {
    const out: Finding[] = [];
    for (const { path, text } of ctx.settingsFiles ?? []) {
      if (!Object.keys(DEPRECATED_SETTINGS).some((k) => text.includes(k))) continue;
      const file = composeDataFile(text, false);
      if ('problem' in file || !file.doc || file.doc.errors.length || !isMap(file.doc.contents)) continue;
      const keys = file.doc.contents.items.map((p) => p.key).filter(isScalar);
      const names = new Set(keys.map((k) => k.value));
      let lines: LineIndex | undefined;
      for (const k of keys) {
        const replacement = typeof k.value === 'string' && Object.hasOwn(DEPRECATED_SETTINGS, k.value) ? DEPRECATED_SETTINGS[k.value] : undefined;
        if (!replacement || !k.range) continue;
        lines ??= new LineIndex(text);
        const both = names.has(replacement);
        out.push({
          rule: 'deprecated-setting',
          severity: 'warning',
          file: path,
          range: lines.range(k.range[0], k.range[1]),
          message: both
            ? `${k.value} is the old name of ${replacement}, which this file sets too; both lists are read. Move the names of ${k.value} into ${replacement} and remove ${k.value}.`
            : `${k.value} is the old name of ${replacement} (it takes nodesets, templates and semaphores as well as jobs); it is still read. Rename the key to ${replacement}.`,
          data: { key: k.value as string, replacement, both } satisfies DeprecatedSettingData,
          setting: { key: replacement },
        });
      }
    }
    return out;
  },
};
