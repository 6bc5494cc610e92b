// A files / irrelevant-files pattern that matches nothing and can go: the
// check gives `deleteRange` (the list item's whole lines) only when removing it
// changes nothing Zuul does. Preferred when there is no replacement to offer;
// when there is, "Did you mean" is the likelier intent and this is the
// alternative.
import type { Fix, FixContext, FixProvider } from './types';
import type { Range } from '../zuul/types';

const isPos = (p: unknown): boolean =>
  !!p && typeof p === 'object' && Number.isInteger((p as { line?: unknown }).line) && Number.isInteger((p as { character?: unknown }).character);

function asRange(v: unknown): Range | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const r = v as { start?: unknown; end?: unknown };
  return isPos(r.start) && isPos(r.end) ? (v as Range) : undefined;
}

export const removeDeadMatcher: FixProvider = {
  rules: ['files-matcher-matches-nothing'],
  provide(ctx: FixContext): Fix[] {
    const { finding } = ctx;
    const data = finding.data ?? {};
    const range = asRange(data.deleteRange);
    if (!range) return [];
    const key = data.key === 'irrelevant-files' ? 'irrelevant-files' : 'files';
    const pattern = typeof data.pattern === 'string' ? data.pattern : '';
    const close = (data.suggestions ?? []).length > 0;
    return [
      {
        title: `Remove the ${key} pattern "${pattern}"`,
        ...(close ? {} : { preferred: true }),
        edits: [{ file: finding.file, edits: [{ range, newText: '' }] }],
      },
    ];
  },
};
