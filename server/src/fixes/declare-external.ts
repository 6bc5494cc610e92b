// A name that lives in a repo that is not open (zuul-jobs, a base-jobs repo):
// declare it in the `zuul.externalNames` setting. The setting belongs to the
// editor, so the fix is a client command (client/src/externalNames.ts), not
// a text edit.
import type { Fix, FixContext, FixProvider } from './types';
import { ADD_EXTERNAL_NAME_COMMAND, type AddExternalNameArgs } from '../../../protocol/src';

function nameOf(ctx: FixContext): string | undefined {
  const data = ctx.finding.data ?? {};
  const name = ctx.finding.rule === 'unknown-parent' ? data.parent : data.name;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

export const declareExternal: FixProvider = {
  neverPreferred: true,
  rules: ['unknown-job', 'unknown-parent', 'unknown-dependency', 'unknown-nodeset', 'unknown-project-template', 'unknown-semaphore'],
  provide(ctx: FixContext): Fix[] {
    const name = nameOf(ctx);
    // A name starting with ^ would be read as a regular expression in externalNames.
    if (name === undefined || name.startsWith('^')) return [];
    const title = `Declare "${name}" as defined outside the workspace`;
    return [{ title, edits: [], command: { command: ADD_EXTERNAL_NAME_COMMAND, title, arguments: [name] satisfies AddExternalNameArgs } }];
  },
};
