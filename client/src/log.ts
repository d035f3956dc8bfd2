/**
 * The extension's log: one `LogOutputChannel` (levels, timestamps, the
 * "Set Log Level" menu) for the client's own lines, the language client's
 * and the server's `window/logMessage`. vscode-languageclient writes plain
 * lines such as `[Error - 10:02:03] message`; `languageClientChannel` turns
 * them back into leveled calls so an error is logged as one.
 */
import type * as vscode from 'vscode';

type Level = 'error' | 'warn' | 'info' | 'debug' | 'trace';

const PREFIX = /^\[(Error|Warn|Info|Debug|Trace|LSP)\s*- [^\]]*\] ?/;
const LEVELS: Record<string, Level> = {
  Error: 'error',
  Warn: 'warn',
  Info: 'info',
  Debug: 'debug',
  Trace: 'trace',
  LSP: 'trace',
};

/**
 * vscode-languageclient 9 reports the end of every stop, a restart's
 * included, as `[Error] Server process exited with code 0.`: a clean exit is
 * no error.
 */
const CLEAN_EXIT = /^Server process exited with code 0\.$/;

/** The level and text of one line the language client writes. */
export function parseClientLine(line: string): { level: Level; text: string } | undefined {
  const m = PREFIX.exec(line);
  if (!m) return undefined;
  const text = line.slice(m[0].length);
  return { level: CLEAN_EXIT.test(text) ? 'info' : LEVELS[m[1]], text };
}

/**
 * An OutputChannel for the language client over `log`. A line without the
 * prefix continues an error or warning (the client writes its data on the
 * next lines) at its level, else it is information; `append` pieces wait
 * for their line end.
 */
export function languageClientChannel(log: vscode.LogOutputChannel): vscode.OutputChannel {
  let level: Level = 'info';
  let pending = '';
  const line = (text: string) => {
    const parsed = parseClientLine(text);
    // An error's or warning's details follow on plain lines; other plain lines are the extension's own news.
    level = parsed ? parsed.level : level === 'error' || level === 'warn' ? level : 'info';
    log[level](parsed ? parsed.text : text);
  };
  return {
    name: log.name,
    append: (value) => {
      pending += value;
    },
    appendLine: (value) => {
      const text = pending + value;
      pending = '';
      line(text);
    },
    replace: (value) => log.replace(value),
    clear: () => log.clear(),
    show: (...args: unknown[]) => log.show(...(args as [boolean?])),
    hide: () => log.hide(),
    // The extension owns the channel and disposes of it; the client must not.
    dispose: () => undefined,
  };
}
