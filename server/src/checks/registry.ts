// Every workspace-wide rule. Per-file rules (YAML structure, schema) live in
// zuul/parse.ts and zuul/schema.ts because they need no index.
import type { Check } from './check';
import { playbookNotFound } from './playbook-not-found';
import { playbookExtensionMissing } from './playbook-extension-missing';

export const CHECKS: Check[] = [playbookNotFound, playbookExtensionMissing];
