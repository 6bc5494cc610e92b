// The files rules; each rule is a file of its own named after its id.
import type { Check } from './check';
import { filesMatcherMatchesNothing } from './files-matcher-matches-nothing';
import { filesMatcherMatchesEverything } from './files-matcher-matches-everything';
import { playbookVariableNotFound } from './playbook-variable-not-found';
import { roleNotFound } from './role-not-found';

export const FILES_CHECKS: Check[] = [filesMatcherMatchesNothing, filesMatcherMatchesEverything, playbookVariableNotFound, roleNotFound];
