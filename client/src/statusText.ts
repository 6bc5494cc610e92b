// What the status bar item says, as a pure function of the client's state and
// the server's last `zuul/status`. No `vscode` import here, so it is unit-tested
// under plain node.
import type { ZuulStatus } from '../../protocol/src';

/** The language client's life cycle as the status bar shows it. */
export type ClientPhase =
  /** First start, no answer from the server yet. */
  | 'starting'
  /** Running; numbers come from `zuul/status`. */
  | 'running'
  /** Starting again after a crash or a restart command. */
  | 'restarting'
  /** Stopped on purpose (deactivation, restart in progress). */
  | 'stopped'
  /** Could not start, or crashed too often and will not be restarted. */
  | 'failed';

export interface StatusView {
  text: string;
  tooltip: string;
  /** Command run on click. */
  command: string;
  /** Colour hint: `error` and `warning` map to the status bar's theme colours. */
  tone: 'normal' | 'warning' | 'error';
}

export const PROBLEMS_COMMAND = 'workbench.actions.view.problems';
export const RESTART_COMMAND = 'zuul.restartServer';
export const SHOW_OUTPUT_COMMAND = 'zuul.showOutput';

const numberFormat = new Intl.NumberFormat('en-US');

/** `1234` -> `1,234`. */
export function formatCount(n: number): string {
  return numberFormat.format(n);
}

/** `plural(1, 'job')` -> `1 job`; `plural(1234, 'job')` -> `1,234 jobs`. */
export function plural(n: number, noun: string, nouns = `${noun}s`): string {
  return `${formatCount(n)} ${n === 1 ? noun : nouns}`;
}

function problemParts(s: ZuulStatus, withInfos: boolean): string[] {
  const parts: string[] = [];
  if (s.errors) parts.push(plural(s.errors, 'error'));
  if (s.warnings) parts.push(plural(s.warnings, 'warning'));
  if (withInfos && s.infos) parts.push(plural(s.infos, 'info'));
  return parts;
}

function details(s: ZuulStatus): string[] {
  const lines = [`${plural(s.jobs, 'job')} in ${plural(s.files, 'configuration file')} across ${plural(s.repos, 'repository', 'repositories')}`];
  const problems = problemParts(s, true);
  lines.push(problems.length ? problems.join(', ') : 'No problems found');
  if (s.world) lines.push(s.world.charAt(0).toUpperCase() + s.world.slice(1));
  return lines;
}

export function statusView(phase: ClientPhase, status: ZuulStatus | undefined, lastError?: string): StatusView {
  const title = 'Zuul Authoring';
  switch (phase) {
    case 'starting':
      return { text: '$(sync~spin) Zuul: starting', tooltip: `${title}\nStarting the language server…`, command: SHOW_OUTPUT_COMMAND, tone: 'normal' };
    case 'restarting':
      return { text: '$(sync~spin) Zuul: restarting', tooltip: `${title}\nRestarting the language server…`, command: SHOW_OUTPUT_COMMAND, tone: 'normal' };
    case 'stopped':
      return { text: '$(circle-slash) Zuul: stopped', tooltip: `${title}\nThe language server is not running.\nClick to restart it.`, command: RESTART_COMMAND, tone: 'warning' };
    case 'failed': {
      const why = lastError ? `\n${lastError}` : '';
      return {
        text: '$(error) Zuul: server failed',
        tooltip: `${title}\nThe language server stopped and was not restarted.${why}\nClick to restart it; see "Zuul: Show Output" for details.`,
        command: RESTART_COMMAND,
        tone: 'error',
      };
    }
    case 'running':
      break;
  }
  if (!status) {
    return { text: '$(sync~spin) Zuul: indexing', tooltip: `${title}\nReading the workspace…`, command: SHOW_OUTPUT_COMMAND, tone: 'normal' };
  }
  if (status.state === 'indexing') {
    const soFar = status.files ? ` ${plural(status.files, 'file')}` : '';
    return {
      text: `$(sync~spin) Zuul: indexing${soFar}`,
      tooltip: [`${title} — indexing`, ...details(status), 'Click to open the Problems view'].join('\n'),
      command: PROBLEMS_COMMAND,
      tone: 'normal',
    };
  }
  const problems = problemParts(status, false);
  const icon = problems.length ? '$(warning)' : '$(check)';
  return {
    text: [`${icon} Zuul: ${plural(status.jobs, 'job')}`, ...problems].join(', '),
    tooltip: [title, ...details(status), 'Click to open the Problems view'].join('\n'),
    command: PROBLEMS_COMMAND,
    // Findings are the user's business, shown by the icon and the counts; the
    // coloured backgrounds are kept for a server that is not working.
    tone: 'normal',
  };
}
