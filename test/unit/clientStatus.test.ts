// The status bar text of the VS Code client, as a pure function of the
// client's phase and the server's last `zuul/status` (client/src/statusText.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statusView, plural, PROBLEMS_COMMAND, RESTART_COMMAND } from '../../client/src/statusText';
import { toZuulStatus } from '../../client/src/protocol';
import type { ZuulStatus } from '../../protocol/src';

const ready = (over: Partial<ZuulStatus> = {}): ZuulStatus => ({ jobs: 1234, files: 56, repos: 3, errors: 0, warnings: 0, infos: 0, state: 'ready', world: '', ...over });

test('a clean workspace shows a check and the number of jobs', () => {
  const v = statusView('running', ready());
  assert.equal(v.text, '$(check) Zuul: 1,234 jobs');
  assert.equal(v.command, PROBLEMS_COMMAND);
  assert.match(v.tooltip, /1,234 jobs in 56 configuration files across 3 repositories/);
  assert.match(v.tooltip, /No problems found/);
});

test('errors and warnings show a warning icon and their counts', () => {
  const v = statusView('running', ready({ errors: 3, warnings: 5, infos: 2 }));
  assert.equal(v.text, '$(warning) Zuul: 1,234 jobs, 3 errors, 5 warnings');
  assert.match(v.tooltip, /3 errors, 5 warnings, 2 infos/);
  assert.equal(statusView('running', ready({ jobs: 1, warnings: 1 })).text, '$(warning) Zuul: 1 job, 1 warning');
  assert.equal(statusView('running', ready({ infos: 7 })).text, '$(check) Zuul: 1,234 jobs', 'infos alone are no reason for a warning icon');
});

test('indexing, starting, restarting and failure are visible', () => {
  assert.match(statusView('running', ready({ state: 'indexing', files: 12 })).text, /^\$\(sync~spin\) Zuul: indexing 12 files$/);
  assert.match(statusView('running', undefined).text, /indexing/);
  assert.match(statusView('starting', undefined).text, /starting/);
  assert.match(statusView('restarting', ready()).text, /restarting/);
  const failed = statusView('failed', ready(), 'The server crashed 5 times in the last 3 minutes.');
  assert.match(failed.text, /failed/);
  assert.equal(failed.command, RESTART_COMMAND);
  assert.equal(failed.tone, 'error');
  assert.match(failed.tooltip, /crashed 5 times/);
  assert.equal(statusView('stopped', undefined).command, RESTART_COMMAND);
});

test('the tooltip says which tenant and world the server checks against', () => {
  const v = statusView('running', ready({ world: 'tenant openstack: closed world, all 12 projects open, a name no open repo defines is an error' }));
  assert.match(v.tooltip, /\nTenant openstack: closed world, all 12 projects open/);
  assert.doesNotMatch(statusView('running', ready()).tooltip, /world/, 'an older server sends no world: no empty line');
  assert.equal(toZuulStatus({ world: 42 })?.world, '');
});

test('plural and number formatting', () => {
  assert.equal(plural(0, 'job'), '0 jobs');
  assert.equal(plural(1, 'job'), '1 job');
  assert.equal(plural(1234567, 'job'), '1,234,567 jobs');
  assert.equal(plural(2, 'repository', 'repositories'), '2 repositories');
});

test('a malformed zuul/status is made safe', () => {
  assert.equal(toZuulStatus(null), undefined);
  assert.equal(toZuulStatus([1]), undefined);
  assert.deepEqual(toZuulStatus({ jobs: 3.7, errors: -1, warnings: 'x', state: 'weird' }), { jobs: 3, files: 0, repos: 0, errors: 0, warnings: 0, infos: 0, state: 'ready', world: '' });
  assert.equal(toZuulStatus({ state: 'indexing' })?.state, 'indexing');
});
