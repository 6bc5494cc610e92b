// Entry point of the `zuul-check` bin (bundled to dist/cli.js). Whatever goes
// wrong, the user sees one line, never a stack trace.
import { EXIT, run } from './cli/main';

function internalError(e: unknown): void {
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`zuul-check: internal error: ${message.split('\n')[0]}\n`);
  process.exitCode = EXIT.internal;
}

// `zuul-check | head` closes the pipe early; that is not an error worth a trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
  internalError(e);
});
process.on('uncaughtException', (e) => {
  internalError(e);
  process.exit(EXIT.internal);
});

// exitCode rather than process.exit(): stdout to a pipe may still be flushing.
run(process.argv.slice(2), {
  cwd: process.cwd(),
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
}).then(
  (code) => {
    process.exitCode = code;
  },
  internalError,
);
