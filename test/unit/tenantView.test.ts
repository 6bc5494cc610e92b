// Which folder holds which project of a tenant: full name, last segment, a
// checkout folder with a suffix, or the tenantProjects map; and Zuul's load
// order and include rules read from the tenant file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readTenantFile } from '../../server/src/zuul/tenant';
import { matchTenant } from '../../server/src/zuul/tenantView';
import { yaml } from '../helpers/marker';

const FILE = yaml`
  - tenant:
      name: openstack
      default-parent: base-minimal
      max-job-timeout: 7200
      source:
        opendev:
          config-projects:
            - openstack/project-config
          untrusted-projects:
            - zuul/zuul-jobs:
                shadow: openstack/openstack-zuul-jobs
                include: [job]
            - include: [job, project-template]
              projects:
                - openstack/openstack-zuul-jobs
                - openstack/openstack
            - openstack/nova:
                exclude: [project]
        github:
          config-projects:
            - org/gh-config
`;

const tenant = () => {
  const f = readTenantFile('/t/main.yaml', FILE);
  assert.deepEqual(f.findings, []);
  return f.tenants[0];
};

test('load order: every config project (by source, in file order), then every untrusted one', () => {
  const t = tenant();
  assert.deepEqual(
    t.projects.map((p) => `${p.trusted ? 'C' : 'U'} ${p.name}`),
    ['C openstack/project-config', 'C org/gh-config', 'U zuul/zuul-jobs', 'U openstack/openstack-zuul-jobs', 'U openstack/openstack', 'U openstack/nova'],
  );
  assert.equal(t.defaultParent, 'base-minimal');
  assert.equal(t.maxJobTimeout, 7200);
});

test('include and exclude: a project\u2019s own list replaces the group\u2019s, exclude removes from what is inherited', () => {
  const by = new Map(tenant().projects.map((p) => [p.name, [...p.include].sort().join(',')]));
  assert.equal(by.get('zuul/zuul-jobs'), 'job');
  assert.equal(by.get('openstack/openstack'), 'job,project-template');
  assert.equal(by.get('openstack/nova'), 'job,nodeset,pipeline,project-template,queue,secret,semaphore');
  assert.equal(tenant().projects.find((p) => p.name === 'zuul/zuul-jobs')!.shadow[0], 'openstack/openstack-zuul-jobs');
});

test('folders by canonical name, then by a checkout suffix (longest name first), then the map', () => {
  const repos = ['project-config-e1547b0', 'zuul-jobs', 'openstack-zuul-jobs-a0b2595', 'novacheckout', 'stray'].map((name) => ({ name, root: `/w/${name}` }));
  const v = matchTenant(tenant(), repos, { 'openstack/nova': 'novacheckout' });
  const held = (root: string) => v.projectOf.get(root)?.name;
  assert.equal(held('/w/project-config-e1547b0'), 'openstack/project-config');
  assert.equal(held('/w/zuul-jobs'), 'zuul/zuul-jobs');
  assert.equal(held('/w/openstack-zuul-jobs-a0b2595'), 'openstack/openstack-zuul-jobs', 'not openstack/openstack');
  assert.equal(held('/w/novacheckout'), 'openstack/nova');
  assert.deepEqual(v.missing.map((p) => p.name), ['org/gh-config', 'openstack/openstack']);
  assert.deepEqual(v.outside.map((r) => r.name), ['stray']);
  assert.equal(v.closed, false);
});
