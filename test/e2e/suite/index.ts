// Entry point of the extension-host suite (the `run()` contract of
// @vscode/test-electron, also honoured by code-server's test payload). Runs
// every compiled *.test.js beside this file with mocha, inside the real
// extension host, in a fixed order: the first suites see the workspace as it
// was opened, before any document is opened or any setting changed.
//
// Results go to the console (mocha's spec reporter) and, when
// ZUUL_E2E_RESULTS names a file, as JSON lines to that file, which the
// code-server runner reads (the browser only sees the exit code).
import { appendFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

/** Files that must run first, in this order; any other *.test.js follows, sorted. */
const ORDER = ['activation.test.js', 'language.test.js', 'settings.test.js', 'editing.test.js', 'files.test.js'];

function record(entry: Record<string, unknown>): void {
  const file = process.env.ZUUL_E2E_RESULTS;
  if (file) appendFileSync(file, `${JSON.stringify(entry)}\n`);
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  const found = readdirSync(__dirname).filter((f) => f.endsWith('.test.js'));
  const files = [...ORDER.filter((f) => found.includes(f)), ...found.filter((f) => !ORDER.includes(f)).sort()];
  for (const f of files) mocha.addFile(join(__dirname, f));
  record({ event: 'start', files });
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        record({ event: 'end', passes: runner.stats?.passes ?? 0, failures, pending: runner.stats?.pending ?? 0 });
        if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
        else resolve();
      });
      runner.on('pass', (t) => record({ event: 'pass', title: t.fullTitle(), ms: t.duration }));
      runner.on('fail', (t, err: unknown) => record({ event: 'fail', title: t.fullTitle(), error: err instanceof Error ? err.message : String(err) }));
      runner.on('pending', (t) => record({ event: 'pending', title: t.fullTitle() }));
    } catch (e) {
      record({ event: 'end', passes: 0, failures: 1, error: String(e) });
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}
