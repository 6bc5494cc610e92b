// Rule id -> fix providers (as in actions/languageservices). Providers live
// one per file beside this one.
import type { Fix, FixProvider } from './types';
import type { Finding } from '../zuul/types';
import type { ZuulWorkspace } from '../engine/workspace';
import { DEPENDENCIES_FIXES } from './group-dependencies';
import { GENERAL_FIXES } from './group-general';
import { pushAll } from '../zuul/arrays';

export const FIX_PROVIDERS: FixProvider[] = [...DEPENDENCIES_FIXES, ...GENERAL_FIXES];

export function fixesFor(ws: ZuulWorkspace, finding: Finding): Fix[] {
  const state = ws.fileState(finding.file);
  if (!state) return [];
  const out: Fix[] = [];
  for (const p of FIX_PROVIDERS) {
    if (!p.rules.includes(finding.rule)) continue;
    try {
      pushAll(out, p.provide({ ws, finding, file: state.parsed }));
    } catch {
      // A provider that cannot handle an odd shape offers nothing rather than a broken edit.
    }
  }
  return out;
}
