// Just enough of Python to read Zuul's test modules: tokens, logical lines,
// classes and methods by indentation, and expressions as a small tree. The
// tests build their configuration from string literals and a handful of calls
// (textwrap.dedent, str.format, dict literals), which evalExpr in cases.ts
// follows; anything else is kept as an opaque node and reported as such.

export interface Tok {
  kind: 'name' | 'num' | 'str' | 'op';
  text: string;
  /** 1-based line of the token's start. */
  line: number;
  /** For strings: the decoded value, and whether it is an f-string or bytes. */
  value?: string;
  fstring?: boolean;
}

export interface LogicalLine {
  indent: number;
  line: number;
  toks: Tok[];
}

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const STRING_START = /([rRuUbBfF]{0,2})('''|"""|'|")/y;
const NUMBER = /(?:0[xXoObB][0-9a-fA-F_]+|\d[\d_]*(?:\.\d*)?(?:[eE][+-]?\d+)?j?|\.\d+)/y;
const PREFIX = /^(?:[rRuUbBfF]|[rR][bBfF]|[bBfF][rR])$/;
const OPS3 = new Set(['**=', '//=', '>>=', '<<=', '...']);
const OPS2 = new Set(['==', '!=', '<=', '>=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '->', '**', '//', '<<', '>>', ':=']);

function decodeEscapes(s: string): string {
  return s.replace(/\\(\n|\\|'|"|a|b|f|n|r|t|v|[0-7]{1,3}|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|N\{[^}]*\})/g, (all, e: string) => {
    switch (e[0]) {
      case '\n':
        return '';
      case 'a':
        return '\x07';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'v':
        return '\v';
      case 'x':
      case 'u':
      case 'U':
        return String.fromCodePoint(parseInt(e.slice(1), 16));
      case 'N':
        return all;
      default:
        return /^[0-7]/.test(e) ? String.fromCharCode(parseInt(e, 8)) : e;
    }
  });
}

/** The logical lines of a module: statements with their indentation, comments dropped. */
export function logicalLines(src: string): LogicalLine[] {
  const out: LogicalLine[] = [];
  let toks: Tok[] = [];
  let indent = 0;
  let depth = 0;
  let line = 1;
  let atLineStart = true;
  let i = 0;
  const n = src.length;
  const flush = () => {
    if (toks.length) out.push({ indent, line: toks[0].line, toks });
    toks = [];
    atLineStart = true;
  };
  while (i < n) {
    const c = src[i];
    if (atLineStart && depth === 0) {
      let j = i;
      let col = 0;
      while (j < n && (src[j] === ' ' || src[j] === '\t')) {
        col += src[j] === '\t' ? 8 - (col % 8) : 1;
        j++;
      }
      indent = col;
      i = j;
      atLineStart = false;
      continue;
    }
    if (c === '\n') {
      line++;
      i++;
      if (depth === 0) flush();
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f') {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < n && src[i] !== '\n') i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      line++;
      continue;
    }
    const startLine = line;
    const code = src.charCodeAt(i);
    const letter = (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
    if (letter) {
      NAME.lastIndex = i;
      const word = NAME.exec(src)![0];
      const after = src[i + word.length];
      if (!(PREFIX.test(word) && (after === '"' || after === "'"))) {
        toks.push({ kind: 'name', text: word, line: startLine });
        i += word.length;
        continue;
      }
    }
    if (letter || c === '"' || c === "'") {
      STRING_START.lastIndex = i;
      const sm = STRING_START.exec(src)!;
      const prefix = sm[1].toLowerCase();
      const q = sm[2];
      const from = i + sm[0].length;
      let j = from;
      for (;;) {
        if (j >= n) throw new Error(`unterminated string at line ${startLine}`);
        const ch = src.charCodeAt(j);
        if (ch === q.charCodeAt(0) && (q.length === 1 || src.startsWith(q, j))) break;
        if (ch === 92 /* \\ */) {
          if (src.charCodeAt(j + 1) === 10) line++;
          j += 2;
          continue;
        }
        if (ch === 10) {
          if (q.length === 1) throw new Error(`newline in a string at line ${startLine}`);
          line++;
        }
        j++;
      }
      const body = src.slice(from, j);
      j += q.length;
      const value = prefix.includes('r') ? body : body.includes('\\') ? decodeEscapes(body) : body;
      toks.push({ kind: 'str', text: src.slice(i, j), line: startLine, value, fstring: prefix.includes('f') });
      i = j;
      continue;
    }
    if ((code >= 48 && code <= 57) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      NUMBER.lastIndex = i;
      const num = NUMBER.exec(src)![0];
      toks.push({ kind: 'num', text: num, line: startLine });
      i += num.length;
      continue;
    }
    const three = src.slice(i, i + 3);
    const op = OPS3.has(three) ? three : OPS2.has(three.slice(0, 2)) ? three.slice(0, 2) : c;
    if ('([{'.includes(op)) depth++;
    if (')]}'.includes(op)) depth = Math.max(0, depth - 1);
    toks.push({ kind: 'op', text: op, line: startLine });
    i += op.length;
  }
  flush();
  return out;
}

export interface PyMethod {
  name: string;
  line: number;
  decorators: LogicalLine[];
  body: LogicalLine[];
}

export interface PyClass {
  name: string;
  line: number;
  bases: string[];
  /** Class-level `name = <expression>` statements, by name. */
  attrs: Map<string, LogicalLine>;
  methods: PyMethod[];
}

export interface PyModule {
  classes: PyClass[];
  /** Module-level `NAME = <expression>` statements. */
  globals: Map<string, LogicalLine>;
  /** Module-level functions (decorator factories and helpers), by name. */
  functions: Map<string, PyMethod>;
}

const isAssignTo = (l: LogicalLine) => l.toks.length > 2 && l.toks[0].kind === 'name' && l.toks[1].text === '=';

/** The statements below `lines[start]` that are indented further: its block. */
function blockAfter(lines: LogicalLine[], start: number): { body: LogicalLine[]; end: number } {
  const indent = lines[start].indent;
  let end = start + 1;
  while (end < lines.length && lines[end].indent > indent) end++;
  return { body: lines.slice(start + 1, end), end };
}

export function parseModule(src: string): PyModule {
  const lines = logicalLines(src);
  const mod: PyModule = { classes: [], globals: new Map(), functions: new Map() };
  let decorators: LogicalLine[] = [];
  for (let i = 0; i < lines.length; ) {
    const l = lines[i];
    const head = l.toks[0].text;
    if (l.indent === 0 && head === '@') {
      decorators.push(l);
      i++;
      continue;
    }
    if (l.indent === 0 && head === 'class') {
      const { body, end } = blockAfter(lines, i);
      mod.classes.push(parseClass(l, body));
      decorators = [];
      i = end;
      continue;
    }
    if (l.indent === 0 && head === 'def') {
      const { body, end } = blockAfter(lines, i);
      mod.functions.set(l.toks[1].text, { name: l.toks[1].text, line: l.line, decorators, body });
      decorators = [];
      i = end;
      continue;
    }
    if (l.indent === 0 && isAssignTo(l)) mod.globals.set(l.toks[0].text, l);
    decorators = [];
    i++;
  }
  return mod;
}

function parseClass(head: LogicalLine, body: LogicalLine[]): PyClass {
  const bases: string[] = [];
  const open = head.toks.findIndex((t) => t.text === '(');
  if (open > 0) {
    let name = '';
    for (let k = open + 1; k < head.toks.length; k++) {
      const t = head.toks[k];
      if (t.text === ',' || t.text === ')') {
        if (name) bases.push(name);
        name = '';
        if (t.text === ')') break;
      } else name += t.text;
    }
  }
  const cls: PyClass = { name: head.toks[1].text, line: head.line, bases, attrs: new Map(), methods: [] };
  if (!body.length) return cls;
  const indent = body[0].indent;
  let decorators: LogicalLine[] = [];
  for (let i = 0; i < body.length; ) {
    const l = body[i];
    if (l.indent !== indent) {
      i++;
      continue;
    }
    const headTok = l.toks[0].text;
    if (headTok === '@') {
      decorators.push(l);
      i++;
      continue;
    }
    if (headTok === 'def' || (headTok === 'async' && l.toks[1]?.text === 'def')) {
      const nameTok = headTok === 'def' ? l.toks[1] : l.toks[2];
      const { body: mbody, end } = blockAfter(body, i);
      cls.methods.push({ name: nameTok.text, line: l.line, decorators, body: mbody });
      decorators = [];
      i = end;
      continue;
    }
    if (isAssignTo(l)) cls.attrs.set(l.toks[0].text, l);
    decorators = [];
    i++;
  }
  return cls;
}

// ---- expressions ----

export type Expr =
  | { t: 'str'; value: string; fstring: boolean }
  | { t: 'num'; text: string }
  | { t: 'name'; id: string }
  | { t: 'attr'; obj: Expr; name: string }
  | { t: 'call'; fn: Expr; args: Expr[]; kwargs: [string, Expr][] }
  | { t: 'sub'; obj: Expr; index: Expr }
  | { t: 'bin'; op: string; left: Expr; right: Expr }
  | { t: 'dict'; entries: [Expr, Expr][] }
  | { t: 'list'; items: Expr[] }
  | { t: 'other'; text: string };

/** Parses an expression from `toks[pos]`; returns it and the index after it. */
export function parseExpr(toks: Tok[], pos: number): { expr: Expr; next: number } {
  const p = new ExprParser(toks, pos);
  const expr = p.test();
  return { expr, next: p.pos };
}

const BINARY: string[][] = [['or'], ['and'], ['==', '!=', '<', '>', '<=', '>=', 'in', 'is'], ['|'], ['&'], ['+', '-'], ['*', '/', '//', '%', '@']];

class ExprParser {
  constructor(
    private readonly toks: Tok[],
    public pos: number,
  ) {}

  private peek(): Tok | undefined {
    return this.toks[this.pos];
  }

  private is(text: string): boolean {
    return this.peek()?.text === text && this.peek()?.kind !== 'str';
  }

  /** Skips to the next `,` or closing bracket at this depth and returns an opaque node. */
  private opaque(from: number): Expr {
    let depth = 0;
    while (this.pos < this.toks.length) {
      const t = this.toks[this.pos];
      if (t.kind === 'op' && '([{'.includes(t.text)) depth++;
      else if (t.kind === 'op' && ')]}'.includes(t.text)) {
        if (depth === 0) break;
        depth--;
      } else if (depth === 0 && t.kind === 'op' && (t.text === ',' || t.text === '=' || t.text === ':')) break;
      this.pos++;
    }
    return { t: 'other', text: this.toks.slice(from, this.pos).map((t) => t.text).join(' ') };
  }

  test(): Expr {
    const from = this.pos;
    if (this.is('lambda')) return this.opaque(from);
    const e = this.binary(0);
    if (this.is('if') || this.is('for')) return this.opaque(from);
    return e;
  }

  private binary(level: number): Expr {
    if (level === BINARY.length) return this.unary();
    let left = this.binary(level + 1);
    for (;;) {
      const t = this.peek();
      if (!t || t.kind === 'str') return left;
      let op = t.text;
      if (op === 'not' && this.toks[this.pos + 1]?.text === 'in' && level === 2) {
        this.pos++;
        op = 'not in';
      } else if (!BINARY[level].includes(op)) return left;
      this.pos++;
      if (op === 'is' && this.is('not')) this.pos++;
      const right = this.binary(level + 1);
      left = { t: 'bin', op, left, right };
    }
  }

  private unary(): Expr {
    if (this.is('not') || this.is('-') || this.is('+') || this.is('~') || this.is('*') || this.is('**')) {
      const from = this.pos;
      this.pos++;
      const inner = this.unary();
      return { t: 'other', text: `${this.toks[from].text} ${inner.t}` };
    }
    return this.postfix(this.atom());
  }

  private postfix(e: Expr): Expr {
    for (;;) {
      if (this.is('.')) {
        this.pos++;
        const name = this.peek();
        if (!name || name.kind !== 'name') return e;
        this.pos++;
        e = { t: 'attr', obj: e, name: name.text };
      } else if (this.is('(')) {
        this.pos++;
        const args: Expr[] = [];
        const kwargs: [string, Expr][] = [];
        while (this.pos < this.toks.length && !this.is(')')) {
          const before = this.pos;
          const t = this.peek()!;
          if (t.kind === 'name' && this.toks[this.pos + 1]?.text === '=') {
            this.pos += 2;
            kwargs.push([t.text, this.test()]);
          } else args.push(this.test());
          if (!this.is(')') && !this.is(',')) this.skipArg();
          if (this.is(',')) this.pos++;
          else if (this.pos === before) this.pos++;
        }
        this.pos++;
        e = { t: 'call', fn: e, args, kwargs };
      } else if (this.is('[')) {
        this.pos++;
        const index = this.test();
        while (this.pos < this.toks.length && !this.is(']')) {
          const before = this.pos;
          this.skipArg();
          if (this.pos === before) this.pos++;
        }
        this.pos++;
        e = { t: 'sub', obj: e, index };
      } else return e;
    }
  }

  private atom(): Expr {
    const t = this.peek();
    const from = this.pos;
    if (!t) return { t: 'other', text: '' };
    if (t.kind === 'str') {
      let value = '';
      let fstring = false;
      while (this.peek()?.kind === 'str') {
        const s = this.peek()!;
        value += s.value ?? '';
        fstring ||= !!s.fstring && /[{}]/.test(s.value ?? '');
        this.pos++;
      }
      return { t: 'str', value, fstring };
    }
    if (t.kind === 'num') {
      this.pos++;
      return { t: 'num', text: t.text };
    }
    if (t.kind === 'name') {
      this.pos++;
      return { t: 'name', id: t.text };
    }
    if (t.text === '(' || t.text === '[') {
      const close = t.text === '(' ? ')' : ']';
      this.pos++;
      const items: Expr[] = [];
      let tuple = t.text === '[';
      while (this.pos < this.toks.length && !this.is(close)) {
        items.push(this.test());
        if (this.is('for')) return this.skipBracket(from);
        if (this.is(',')) {
          tuple = true;
          this.pos++;
        } else if (!this.is(close)) return this.skipBracket(from);
      }
      this.pos++;
      return tuple ? { t: 'list', items } : (items[0] ?? { t: 'list', items });
    }
    if (t.text === '{') {
      this.pos++;
      const entries: [Expr, Expr][] = [];
      while (this.pos < this.toks.length && !this.is('}')) {
        const k = this.test();
        if (!this.is(':')) return this.skipBracket(from);
        this.pos++;
        const v = this.test();
        if (this.is('for')) return this.skipBracket(from);
        entries.push([k, v]);
        if (this.is(',')) this.pos++;
        else if (!this.is('}')) return this.skipBracket(from);
      }
      this.pos++;
      return { t: 'dict', entries };
    }
    return this.opaque(from);
  }

  /** Past the rest of an argument it could not read: to the next `,` or `)` of its call. */
  private skipArg(): void {
    let depth = 0;
    for (; this.pos < this.toks.length; this.pos++) {
      const t = this.toks[this.pos];
      if (t.kind !== 'op') continue;
      if ('([{'.includes(t.text)) depth++;
      else if (')]}'.includes(t.text)) {
        if (depth === 0) return;
        depth--;
      } else if (t.text === ',' && depth === 0) return;
    }
  }

  /** From an opening bracket at `from`: skips to its match; an opaque node. */
  private skipBracket(from: number): Expr {
    let depth = 0;
    for (this.pos = from; this.pos < this.toks.length; this.pos++) {
      const t = this.toks[this.pos];
      if (t.kind !== 'op') continue;
      if ('([{'.includes(t.text)) depth++;
      else if (')]}'.includes(t.text) && --depth === 0) break;
    }
    this.pos++;
    return { t: 'other', text: this.toks.slice(from, this.pos).map((x) => x.text).join(' ') };
  }
}

/** Python's textwrap.dedent: blank lines emptied, the common leading whitespace removed. */
export function dedent(text: string): string {
  const lines = text.split('\n').map((l) => (/^[ \t]*$/.test(l) ? '' : l));
  let margin: string | undefined;
  for (const l of lines) {
    if (!l) continue;
    const lead = /^[ \t]*/.exec(l)![0];
    if (margin === undefined) margin = lead;
    else {
      let k = 0;
      while (k < margin.length && k < lead.length && margin[k] === lead[k]) k++;
      margin = margin.slice(0, k);
    }
  }
  return margin ? lines.map((l) => l.slice(margin!.length)).join('\n') : lines.join('\n');
}

/** str.format with positional and keyword string arguments; undefined for anything fancier. */
export function pyFormat(template: string, args: string[], kwargs: Map<string, string>): string | undefined {
  let auto = 0;
  let failed = false;
  const out = template.replace(/\{\{|\}\}|\{([^{}]*)\}/g, (all, field: string | undefined) => {
    if (all === '{{') return '{';
    if (all === '}}') return '}';
    const name = field ?? '';
    if (/[!:.[]/.test(name)) {
      failed = true;
      return '';
    }
    const v = name === '' ? args[auto++] : /^\d+$/.test(name) ? args[Number(name)] : kwargs.get(name);
    if (v === undefined) failed = true;
    return v ?? '';
  });
  return failed ? undefined : out;
}
