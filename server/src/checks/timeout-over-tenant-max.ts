// A job whose timeout, pre-timeout or post-timeout is over the tenant's
// max-job-timeout: Zuul's load error 'The job "X" exceeds tenant
// max-job-timeout N.' (reference §2.1). The limit is the tenant's, so the rule
// speaks only when a tenant file is read; Zuul's default is 10800 s, and -1
// lifts the limit.
import { isScalar } from 'yaml';
import type { Check, Finding } from './check';
import { jobStanzas, rangeOf } from '../zuul/stanzas';
import { ZUUL_DOCS } from '../zuul/rules';
import { attrValue } from './references-policy';

/** Zuul's max-job-timeout when the tenant sets none. */
export const DEFAULT_MAX_JOB_TIMEOUT = 10800;
const KEYS = ['pre-timeout', 'timeout', 'post-timeout'] as const;

export const timeoutOverTenantMax: Check = {
  id: 'timeout-over-tenant-max',
  severity: 'error',
  summary: "A job's timeout, pre-timeout or post-timeout over the tenant's max-job-timeout (10800 s unless the tenant file says otherwise): Zuul rejects the job. Needs a tenant file.",
  docs: `${ZUUL_DOCS}/tenants.html#attr-tenant.max-job-timeout`,
  jobKeys: ['name', 'parent', 'description', 'abstract', 'final', 'protected', 'intermediate', 'semaphore', 'secrets', 'nodeset', 'pre-timeout', 'timeout', 'post-timeout', 'pre-run', 'run', 'post-run', 'cleanup-run', 'vars', 'branches'],
  check(ctx) {
    const out: Finding[] = [];
    const tenant = ctx.tenant?.tenant;
    if (!tenant) return out;
    const max = tenant.maxJobTimeout ?? DEFAULT_MAX_JOB_TIMEOUT;
    if (max === -1) return out;
    for (const stanza of jobStanzas(ctx.index)) {
      if (stanza.kind !== 'job') continue;
      for (const key of KEYS) {
        const v = attrValue(stanza, key);
        if (!isScalar(v) || typeof v.value !== 'number' || v.value <= max) continue;
        const { file } = stanza.def;
        out.push({
          rule: 'timeout-over-tenant-max',
          severity: 'error',
          file: file.path,
          range: rangeOf(file, v),
          message: `${key}: ${v.value} is over the max-job-timeout of tenant ${tenant.name} (${max} s${tenant.maxJobTimeout === undefined ? ', Zuul\u2019s default' : ''}): Zuul rejects the job ('The job "${stanza.jobName}" exceeds tenant max-job-timeout ${max}.').`,
          data: { job: stanza.jobName, key, value: v.value, max },
        });
      }
    }
    return out;
  },
};
