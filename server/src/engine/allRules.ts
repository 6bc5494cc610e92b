import { ruleTable, type RuleInfo } from '../zuul/rules';
import { PARSE_RULES } from '../zuul/parse';
import { SCHEMA_RULES } from '../zuul/schema';
import { DISCOVERY_RULES } from '../zuul/discover';
import { SETTINGS_RULES } from '../zuul/settings';
import { TENANT_RULES } from '../zuul/tenant';
import { CHECKS } from '../checks/registry';

const ENGINE_RULES: RuleInfo[] = [
  { id: 'file-too-large', severity: 'warning', summary: 'A configuration file over 16 MB; it is not checked.' },
  { id: 'symlinked-config-file', severity: 'error', summary: 'A configuration file that is a symbolic link: Zuul reads git, where a link is only its target\'s path, and rejects the file.' },
  { id: 'file-not-read', severity: 'warning', summary: 'A configuration file that is not a regular file (a FIFO, a device) or cannot be read; it is not checked.' },
  { id: 'internal-error', severity: 'error', summary: 'A check failed unexpectedly; the message says which. Please report it.' },
];

export const ALL_RULES = ruleTable(PARSE_RULES, SCHEMA_RULES, DISCOVERY_RULES, SETTINGS_RULES, TENANT_RULES, ENGINE_RULES, CHECKS);
