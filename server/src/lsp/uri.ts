// Paths <-> URIs at the protocol edge. The engine speaks absolute paths only;
// URIs the client sent are remembered so that we answer in its own spelling
// (VS Code percent-encodes more characters than node's pathToFileURL).
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The absolute path of a `file:` URI; undefined for other schemes (untitled:, git:, ...). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}

/** Path -> the URI a client used for it, falling back to node's encoding. */
export class UriMap {
  private readonly known = new Map<string, string>();

  remember(uri: string): string | undefined {
    const path = uriToPath(uri);
    if (path !== undefined) this.known.set(path, uri);
    return path;
  }

  uri(path: string): string {
    return this.known.get(path) ?? pathToUri(path);
  }
}
