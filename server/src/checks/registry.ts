// Every workspace-wide rule. Per-file rules (YAML structure, schema) live in
// zuul/parse.ts and zuul/schema.ts because they need no index.
import type { Check } from './check';
import { playbookNotFound } from './playbook-not-found';
import { playbookExtensionMissing } from './playbook-extension-missing';
import { PARENTS_CHECKS } from './group-parents';
import { REFERENCES_CHECKS } from './group-references';
import { FILES_CHECKS } from './group-files';
import { DEPENDENCIES_CHECKS } from './group-dependencies';
import { TENANT_CHECKS } from './group-tenant';
import { FREEZE_CHECKS } from './group-freeze';
import { rejectedJobReference } from './rejected-job-reference';
import { deprecatedSetting } from './deprecated-setting';

export const CHECKS: Check[] = [
  deprecatedSetting,
  playbookNotFound,
  playbookExtensionMissing,
  ...DEPENDENCIES_CHECKS,
  ...PARENTS_CHECKS,
  ...FILES_CHECKS,
  ...REFERENCES_CHECKS,
  ...TENANT_CHECKS,
  ...FREEZE_CHECKS,
  // Last: it reads what the others reported.
  rejectedJobReference,
];
