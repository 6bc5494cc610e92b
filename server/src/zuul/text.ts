import type { Position, Range } from './types';

/** Converts string offsets to line/character positions for one text. */
export class LineIndex {
  private readonly starts: number[];
  /** Whether the text holds a carriage return (a line break of its own, alone). */
  private readonly cr: boolean;

  constructor(readonly text: string) {
    const starts = [0];
    this.cr = text.includes('\r');
    if (!this.cr) {
      // The common case, scanned natively.
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) starts.push(i + 1);
        else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  /**
   * The index of `text`, which is the indexed text with [start, oldEnd)
   * replaced by [start, newEnd) of `text`: the line starts before and after
   * the change are taken over (moved), only the changed part is scanned.
   */
  edited(text: string, start: number, oldEnd: number, newEnd: number): LineIndex {
    // Only the inserted text is searched for a carriage return: the rest is the indexed text's.
    if (this.cr || text.slice(start, newEnd).includes('\r')) return new LineIndex(text);
    const delta = newEnd - oldEnd;
    const old = this.starts;
    const lo = this.position(start).line;
    const starts = old.slice(0, lo + 1);
    for (let i = text.indexOf('\n', start); i >= 0 && i < newEnd; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    let k = lo + 1;
    while (k < old.length && old[k] <= oldEnd) k++;
    for (; k < old.length; k++) starts.push(old[k] + delta);
    const next = Object.create(LineIndex.prototype) as LineIndex;
    Object.assign(next, { text, starts, cr: false });
    return next;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }

  offset(pos: Position): number {
    const line = Math.max(0, Math.min(pos.line, this.starts.length - 1));
    return Math.min(this.starts[line] + pos.character, this.text.length);
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }

  /** The text of a 0-based line without its line break. */
  lineText(line: number): string {
    const s = this.starts[line] ?? this.text.length;
    const e = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    return this.text.slice(s, e).replace(/\r?\n$|\r$/, '');
  }
}
