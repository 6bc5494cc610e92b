// deprecated-setting: rename the old key of .zuul-authoring.yaml in place,
// keeping its value, comments and layout. Not offered when the file sets the
// new key too: a second key of that name would make the file invalid.
import type { Fix, FixContext, FixProvider } from './types';
import type { DeprecatedSettingData } from '../checks/deprecated-setting';

export const renameSetting: FixProvider = {
  rules: ['deprecated-setting'],
  provide(ctx: FixContext): Fix[] {
    const d = ctx.finding.data as Partial<DeprecatedSettingData> | undefined;
    if (!d || typeof d.key !== 'string' || typeof d.replacement !== 'string' || d.both) return [];
    const { range } = ctx.finding;
    // The text under the finding must still be the old key (a stale finding edits nothing).
    const line = ctx.file.lines.lineText(range.start.line);
    if (range.start.line !== range.end.line || line.slice(range.start.character, range.end.character) !== d.key) return [];
    return [{ title: `Rename ${d.key} to ${d.replacement}`, preferred: true, edits: [{ file: ctx.finding.file, edits: [{ range, newText: d.replacement }] }] }];
  },
};

export const RENAME_SETTING_FIXES: FixProvider[] = [renameSetting];
