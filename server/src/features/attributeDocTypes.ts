// The shape of one attribute's documentation, shared by the data files.
import { ZUUL_DOCS } from '../zuul/rules';

export interface AttrDoc {
  /** One to three sentences: what Zuul does with the attribute (Markdown inline code allowed). */
  text: string;
  /** What Zuul uses when the attribute is absent; `required` for a mandatory key. */
  default?: string;
  url: string;
}

export type DocTable = Record<string, AttrDoc>;

/** A maker of docs on one page whose anchors start with `attr-<prefix>.`. */
export function docTable(page: string, prefix: string): (path: string, text: string, dflt?: string) => AttrDoc {
  return (path, text, dflt) => ({ text, default: dflt, url: `${ZUUL_DOCS}/config/${page}.html#attr-${prefix}.${path}` });
}
