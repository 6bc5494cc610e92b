// The rules that check stanzas against the tenant's own limits; each rule is a file of its own named after its id.
import type { Check } from './check';
import { timeoutOverTenantMax } from './timeout-over-tenant-max';
import { nodesOverTenantMax } from './nodes-over-tenant-max';

export const TENANT_CHECKS: Check[] = [timeoutOverTenantMax, nodesOverTenantMax];
