// Rule id -> fix providers (as in actions/languageservices). Providers live
// one per file beside this one.
import type { Fix, FixProvider } from './types';
import type { Finding } from '../zuul/types';
import type { ZuulWorkspace } from '../engine/workspace';
import { DEPENDENCIES_FIXES } from './group-dependencies';
import { GENERAL_FIXES } from './group-general';
import { pushAll } from '../zuul/arrays';
import { parseFile, type ParsedFile } from '../zuul/parse';
import { RENAME_SETTING_FIXES } from './rename-setting';

export const FIX_PROVIDERS: FixProvider[] = [...DEPENDENCIES_FIXES, ...RENAME_SETTING_FIXES, ...GENERAL_FIXES];

/** The fix fix-all would apply for a finding (preferred, with edits), asking only the providers that can offer one. */
export function preferredFix(ws: ZuulWorkspace, finding: Finding): Fix | undefined {
  return fixesFor(ws, finding, true).find((f) => f.preferred && f.edits.length > 0);
}

export function fixesFor(ws: ZuulWorkspace, finding: Finding, preferredOnly = false): Fix[] {
  // A settings file is not Zuul configuration, but its text is parsed the same way for the fixes that edit it.
  const state = ws.fileState(finding.file) ?? settingsFileState(ws, finding.file);
  if (!state) return [];
  const out: Fix[] = [];
  for (const p of FIX_PROVIDERS) {
    if (!p.rules.includes(finding.rule) || (preferredOnly && p.neverPreferred)) continue;
    try {
      pushAll(out, p.provide({ ws, finding, file: state.parsed }));
    } catch {
      // A provider that cannot handle an odd shape offers nothing rather than a broken edit.
    }
  }
  return out;
}

function settingsFileState(ws: ZuulWorkspace, path: string): { parsed: ParsedFile } | undefined {
  const text = ws.settingsFiles().find((s) => s.path === path)?.text;
  return text === undefined ? undefined : { parsed: parseFile(path, text) };
}
