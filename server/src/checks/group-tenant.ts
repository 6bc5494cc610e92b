// The rules that check stanzas against what only the tenant file says (its limits, its projects); each rule is a file of its own named after its id.
import type { Check } from './check';
import { timeoutOverTenantMax } from './timeout-over-tenant-max';
import { nodesOverTenantMax } from './nodes-over-tenant-max';
import { unknownProject } from './unknown-project';

export const TENANT_CHECKS: Check[] = [timeoutOverTenantMax, nodesOverTenantMax, unknownProject];
