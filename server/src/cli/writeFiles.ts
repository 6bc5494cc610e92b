// `zuul-check --fix` writes people's CI configuration, so a write either
// happens whole or not at all: each new text goes to a temporary file beside
// the old one (same mode and owner), and only when every file of the run has
// been written and flushed are they renamed over the originals. A file is
// never written through a symbolic link, outside the workspace's
// repositories, or after it changed on disk since it was read.
import { chownSync, closeSync, fchmodSync, fsyncSync, lstatSync, openSync, readFileSync, realpathSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describeFsError } from '../zuul/readFile';

export interface WriteRequest {
  file: string;
  /** The text the fixes were computed from: the file must still hold it. */
  before: string;
  text: string;
}

export interface WriteOutcome {
  written: string[];
  /** Files left as they were, with the reason. */
  refused: { file: string; reason: string }[];
}

const inside = (path: string, root: string) => path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);

/** Why `file` must not be written, or undefined. `roots` are real paths. */
export function refusal(file: string, before: string, roots: string[]): string | undefined {
  let st;
  try {
    st = lstatSync(file);
  } catch {
    return 'it no longer exists';
  }
  if (st.isSymbolicLink()) return 'it is a symbolic link';
  if (!st.isFile()) return 'it is not a regular file';
  let real: string;
  try {
    real = realpathSync(file);
  } catch {
    return 'its path cannot be resolved';
  }
  if (!roots.some((r) => inside(real, r))) return 'it is outside the repositories being checked';
  let now: Buffer;
  try {
    now = readFileSync(file);
  } catch (e) {
    return `it cannot be read again (${(e as Error).message})`;
  }
  if (now.equals(Buffer.from(before, 'utf8'))) return undefined;
  // Decoding replaced bytes that are not UTF-8; writing the text back would change them too.
  if (now.toString('utf8') === before) return 'it is not valid UTF-8, and writing it would change bytes no fix touches';
  return 'it changed on disk while it was being checked';
}

function writeTemp(file: string, text: string): string {
  const st = lstatSync(file);
  const tmp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.zuul-check.tmp`);
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    const data = Buffer.from(text, 'utf8');
    let done = 0;
    while (done < data.length) done += writeSync(fd, data, done, data.length - done);
    fchmodSync(fd, st.mode & 0o7777);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    removeQuietly(tmp);
    throw e;
  }
  closeSync(fd);
  try {
    // Keeps the owner when run as root; an ordinary user owns what they write anyway.
    chownSync(tmp, st.uid, st.gid);
  } catch {
    // Not permitted: the file is then the writer's, as any editor would leave it.
  }
  return tmp;
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone; nothing else to undo.
  }
}

/** Writes every request or, when any temporary file cannot be written, none of them. */
export function writeFilesAtomically(requests: WriteRequest[], roots: string[]): WriteOutcome {
  const realRoots = roots.map((r) => {
    try {
      return realpathSync(r);
    } catch {
      return r;
    }
  });
  const refused: WriteOutcome['refused'] = [];
  const ok: WriteRequest[] = [];
  for (const r of requests) {
    const why = refusal(r.file, r.before, realRoots);
    if (why) refused.push({ file: r.file, reason: why });
    else ok.push(r);
  }
  const temps: { file: string; tmp: string }[] = [];
  try {
    for (const r of ok) temps.push({ file: r.file, tmp: writeTemp(r.file, r.text) });
  } catch (e) {
    for (const t of temps) removeQuietly(t.tmp);
    const reason = `writing failed (${describeFsError(e)}); no file was changed`;
    return { written: [], refused: [...refused, ...ok.map((r) => ({ file: r.file, reason }))] };
  }
  for (const t of temps) renameSync(t.tmp, t.file);
  return { written: temps.map((t) => t.file), refused };
}
