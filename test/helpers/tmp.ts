import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Writes a tree of files ({relative path: content}) into a fresh temp folder. */
export function tree(files: Record<string, string>, prefix = 'zuul-test-'): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  for (const [rel, content] of Object.entries(files)) {
    const p = join(root, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
  return root;
}

export function remove(root: string): void {
  rmSync(root, { recursive: true, force: true });
}
