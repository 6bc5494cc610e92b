// Checks of what a client sent, run before any handler reads it: a field of
// the wrong type is named in a clear message instead of surfacing as a
// TypeError deep inside a handler.

/** A client's params do not have the shape the method needs. */
export class InvalidParams extends Error {}

/** Returns the value, typed (absent optional fields as undefined), or throws InvalidParams naming `at`. */
export type Check<T> = (value: unknown, at: string) => T;

function shown(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

function fail(at: string, expected: string, v: unknown): never {
  throw new InvalidParams(v === undefined ? `${at} is missing (expected ${expected})` : `${at} must be ${expected}, not ${shown(v)}`);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const string: Check<string> = (v, at) => (typeof v === 'string' ? v : fail(at, 'a string', v));

export const integer: Check<number> = (v, at) => (typeof v === 'number' && Number.isInteger(v) ? v : fail(at, 'an integer', v));

export const uinteger: Check<number> = (v, at) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : fail(at, 'a non-negative integer', v));

export const boolean: Check<boolean> = (v, at) => (typeof v === 'boolean' ? v : fail(at, 'a boolean', v));

/** Any JSON value, e.g. pushed settings: their own reader validates them. */
export const anything: Check<unknown> = (v) => v;

export function oneOf<const T extends readonly (string | number)[]>(values: T): Check<T[number]> {
  const expected = `one of ${values.map((x) => JSON.stringify(x)).join(', ')}`;
  return (v, at) => (values.includes(v as T[number]) ? (v as T[number]) : fail(at, expected, v));
}

export function either<A, B>(a: Check<A>, b: Check<B>, expected: string): Check<A | B> {
  return (v, at) => {
    try {
      return a(v, at);
    } catch {
      try {
        return b(v, at);
      } catch {
        return fail(at, expected, v);
      }
    }
  };
}

/** Absent, or null as some clients send for an absent field. */
export function optional<T>(check: Check<T>): Check<T | undefined> {
  return (v, at) => (v === undefined || v === null ? undefined : check(v, at));
}

export function array<T>(item: Check<T>): Check<T[]> {
  return (v, at) => (Array.isArray(v) ? v.map((x, i) => item(x, `${at}[${i}]`)) : fail(at, 'an array', v));
}

type Shape = Record<string, Check<unknown>>;
export type Checked<S extends Shape> = { [K in keyof S]: ReturnType<S[K]> };

/** An object with at least the fields of `shape`; other fields are kept as they came. */
export function object<S extends Shape>(shape: S): Check<Checked<S>> {
  return (v, at) => {
    if (!isRecord(v)) return fail(at, 'an object', v);
    const out: Record<string, unknown> = { ...v };
    for (const [key, check] of Object.entries(shape)) out[key] = check(v[key], `${at}.${key}`);
    return out as Checked<S>;
  };
}

/** A further condition on a value that passed `check`. */
export function where<T>(check: Check<T>, ok: (value: T) => boolean, problem: string): Check<T> {
  return (v, at) => {
    const value = check(v, at);
    if (!ok(value)) throw new InvalidParams(`${at} ${problem}`);
    return value;
  };
}
