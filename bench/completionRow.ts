// The completion row of the feature bench. completionsAt() is written on the
// completion branch; until it merges the row prints "not on this branch".
// To enable it, replace the `const completionsAt ... = undefined` line with:
//   import { completionsAt } from '../server/src/features/completion';
import type { ZuulWorkspace } from '../server/src/zuul/workspace';
import type { Position } from '../server/src/zuul/types';

type CompletionsAt = (ws: ZuulWorkspace, path: string, position: Position, options: { markdown: boolean; snippets: boolean; labelDetails: boolean }) => { items: unknown[] };
const completionsAt = undefined as CompletionsAt | undefined;

/** Completion as VS Code asks for it (markdown, snippets, label details); true when it offers something. */
export const completionRequest: ((ws: ZuulWorkspace, path: string, pos: Position) => boolean) | undefined =
  completionsAt && ((ws, path, pos) => completionsAt(ws, path, pos, { markdown: true, snippets: true, labelDetails: true }).items.length > 0);
