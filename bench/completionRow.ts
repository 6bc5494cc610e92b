// The completion row of the feature bench: completion as VS Code asks for it
// (markdown, snippets, label details); true when it offers something.
import { completionsAt } from '../server/src/features/completion';
import type { ZuulWorkspace } from '../server/src/engine/workspace';
import type { Position } from '../server/src/zuul/types';

export const completionRequest: ((ws: ZuulWorkspace, path: string, pos: Position) => boolean) | undefined = (ws, path, pos) =>
  completionsAt(ws, path, pos, { markdown: true, snippets: true, labelDetails: true }).items.length > 0;
