/** A Procfile as document facts: each `name: command` line is a process and the command it runs. */
import { emptyDocumentFacts, wordsSpan, type DocumentFacts } from '../../ir/documentFacts';
import { hashComments } from './comments';
import { shellCommands } from './shellWords';

const PROCESS_LINE = /^([A-Za-z0-9_-]+)[ \t]*:[ \t]*/;

/** A `name: command` line: the process type and where its command is written. */
export interface ProcfileLine {
  name: string;
  commandStart: number;
  lineEnd: number;
}

/** The process lines of a Procfile (a BOM skipped; LF, CRLF or CR line ends); other lines are not processes. */
export function procfileLines(text: string): ProcfileLine[] {
  const out: ProcfileLine[] = [];
  let lineStart = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (lineStart < text.length) {
    let lineEnd = lineStart;
    while (lineEnd < text.length && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;
    const m = PROCESS_LINE.exec(text.slice(lineStart, lineEnd));
    if (m) out.push({ name: m[1], commandStart: lineStart + m[0].length, lineEnd });
    lineStart = lineEnd + (text[lineEnd] === '\r' && text[lineEnd + 1] === '\n' ? 2 : 1);
  }
  return out;
}

export function readProcfile(text: string, path: string): DocumentFacts {
  const facts = emptyDocumentFacts('procfile', path, text);
  facts.comments = hashComments(text);
  for (const line of procfileLines(text)) {
    for (const words of shellCommands(text, line.commandStart, line.lineEnd)) {
      facts.commands.push({ source: 'process', owner: line.name, words, span: wordsSpan(words) });
    }
  }
  return facts;
}
