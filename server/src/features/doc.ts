// Hover and completion texts, written once and rendered as Markdown or as
// plain text depending on what the client shows. Names from the workspace are
// escaped: a job called `*x*` must not turn bold.
/** `command`: a link that runs a client command (Markdown only; plain text shows the label). */
export type Inline = string | { code: string } | { link: string; label: string } | { strong: string } | { command: string; args: unknown[]; label: string };

export type Block = { p: Inline[] } | { list: Inline[][] } | { code: string };

// Enough to keep workspace text literal: emphasis, code, links, HTML, tables.
const MD_SPECIAL = /[\\`*_[\]<>|~]/g;

function inline(parts: Inline[], markdown: boolean): string {
  return parts
    .map((x) => {
      if (typeof x === 'string') return markdown ? x.replace(MD_SPECIAL, '\\$&') : x;
      if ('code' in x) {
        if (!markdown) return x.code;
        const fence = x.code.includes('`') ? '``' : '`';
        return `${fence}${fence.length > 1 ? ' ' : ''}${x.code}${fence.length > 1 ? ' ' : ''}${fence}`;
      }
      if ('strong' in x) return markdown ? `**${x.strong.replace(MD_SPECIAL, '\\$&')}**` : x.strong;
      if ('command' in x) return markdown ? `[${x.label.replace(MD_SPECIAL, '\\$&')}](command:${x.command}?${encodeURIComponent(JSON.stringify(x.args)).replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29'))})` : x.label;
      return markdown ? `[${x.label.replace(MD_SPECIAL, '\\$&')}](${x.link.replace(/[()\s]/g, encodeURIComponent)})` : `${x.label} (${x.link})`;
    })
    .join('');
}

export function render(blocks: Block[], markdown: boolean): string {
  return blocks
    .map((b) => {
      if ('p' in b) return inline(b.p, markdown);
      if ('code' in b) return markdown ? `\`\`\`\`yaml\n${b.code}\n\`\`\`\`` : b.code;
      return b.list.map((item) => `${markdown ? '- ' : '  - '}${inline(item, markdown)}`).join('\n');
    })
    .join('\n\n');
}
