// Hover on an attribute key: what Zuul does with it, its type, default and
// documentation link. Read from the text, so it works on unparsable files too.
import type { ZuulWorkspace } from '../engine/workspace';
import type { Position, Range } from '../zuul/types';
import { cursorContext } from './cursorContext';
import { objOf, resolvePath } from './completionSchema';
import { renderAttribute } from './attributeDocs';
import { pipelineListDoc } from './completionDocs';

const KEY_CHAR = /[A-Za-z0-9_.-]/;

export function attributeHoverAt(ws: ZuulWorkspace, path: string, pos: Position, markdown: boolean): { contents: string; range: Range } | undefined {
  try {
    const text = ws.overlayOf(path) ?? ws.fileState(path)?.parsed.text;
    if (text === undefined) return undefined;
    const line = text.split(/\r\n|\r|\n/, pos.line + 1)[pos.line];
    if (line === undefined || pos.character > line.length) return undefined;
    let s = pos.character;
    let e = pos.character;
    while (s > 0 && KEY_CHAR.test(line[s - 1])) s--;
    while (e < line.length && KEY_CHAR.test(line[e])) e++;
    if (s === e || !/^\s*:(\s|$)/.test(line.slice(e))) return undefined;
    const key = line.slice(s, e);
    const ctx = cursorContext(text, { line: pos.line, character: e });
    if (!ctx || ctx.partial !== key) return undefined;
    const place = resolvePath(ctx.path);
    if (!place || place.root || place.jobEntry) return undefined;
    const spec = objOf(place.ty);
    if (!spec) return undefined;
    const range = { start: { line: pos.line, character: s }, end: { line: pos.line, character: e } };
    if (Object.prototype.hasOwnProperty.call(spec.fields, key)) {
      const contents = renderAttribute(spec, key, markdown);
      return contents ? { contents, range } : undefined;
    }
    if (spec.extra && objOf(spec.extra)?.fields.jobs) return { contents: pipelineListDoc(key, markdown), range };
    return undefined;
  } catch {
    return undefined;
  }
}
