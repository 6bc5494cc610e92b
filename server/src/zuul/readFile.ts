// Reading a file the workspace names without trusting what it is: a FIFO
// blocks the reader forever, a link to /dev/zero never ends, and a link in a
// config root is, to Zuul, not the file it points to.
import { closeSync, constants, fstatSync, openSync, readlinkSync, readSync, type Stats } from 'node:fs';

export type ReadProblem =
  /** The path is a symbolic link and links were not to be followed; `detail` is its target. */
  | 'symlink'
  /** A FIFO, socket, device or directory. */
  | 'not-regular'
  | 'too-large'
  | 'missing'
  | 'unreadable';

export type ReadResult = { text: string } | { problem: ReadProblem; detail: string };

export interface ReadOptions {
  maxBytes: number;
  /** Follow a symbolic link at the last component of the path (default true). */
  followSymlinks?: boolean;
  /** Also read FIFOs and character devices, up to maxBytes (a path the user named, like /dev/stdin). */
  allowSpecial?: boolean;
}

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/** The text of a regular file of at most `maxBytes` bytes, or why it was not read. Never blocks on a special file. */
export function readTextFile(path: string, options: ReadOptions): ReadResult {
  const follow = options.followSymlinks ?? true;
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
  // A pipe the user named (`--rules /dev/stdin`) is read as `cat` would.
  const nonBlock = options.allowSpecial ? 0 : (constants.O_NONBLOCK ?? 0);
  const flags = constants.O_RDONLY | nonBlock | (follow ? 0 : (constants.O_NOFOLLOW ?? 0));
  let fd: number;
  try {
    fd = openSync(path, flags);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP' && !follow) return { problem: 'symlink', detail: linkTarget(path) };
    if (code === 'ENOENT' || code === 'ENOTDIR') return { problem: 'missing', detail: describeFsError(e) };
    if (code === 'EISDIR') return { problem: 'not-regular', detail: 'a directory' };
    return { problem: 'unreadable', detail: describeFsError(e) };
  }
  try {
    const st = fstatSync(fd);
    const special = !st.isFile();
    if (special && !(options.allowSpecial && (st.isFIFO() || st.isCharacterDevice()))) return { problem: 'not-regular', detail: kindOf(st) };
    if (st.size > options.maxBytes) return { problem: 'too-large', detail: `${st.size} bytes` };
    return readAll(fd, st.size, options.maxBytes);
  } catch (e) {
    return { problem: 'unreadable', detail: (e as Error).message };
  } finally {
    closeSync(fd);
  }
}

/** Reads to the end, but never more than maxBytes + 1 (a file may grow, or say size 0 and hold text, like /proc). */
function readAll(fd: number, size: number, maxBytes: number): ReadResult {
  let buf = Buffer.allocUnsafe(Math.min(maxBytes + 1, Math.max(size + 1, 64 * 1024)));
  let total = 0;
  for (;;) {
    if (total === buf.length) {
      if (buf.length > maxBytes) break;
      const bigger = Buffer.allocUnsafe(Math.min(maxBytes + 1, buf.length * 2));
      buf.copy(bigger, 0, 0, total);
      buf = bigger;
    }
    const n = readSync(fd, buf, total, buf.length - total, null);
    if (n === 0) break;
    total += n;
  }
  if (total > maxBytes) return { problem: 'too-large', detail: `more than ${maxBytes} bytes` };
  return { text: buf.toString('utf8', 0, total) };
}

/** A file-system error in words a user reads (the CLI's messages, a finding's). */
export function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'ENOTDIR') return 'not a directory';
  if (code === 'ENOSPC') return 'no space left on the device';
  if (code === 'EFBIG') return 'the file size limit was reached';
  if (code === 'EROFS') return 'the file system is read-only';
  return e instanceof Error ? e.message : String(e);
}

function linkTarget(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return '?';
  }
}
