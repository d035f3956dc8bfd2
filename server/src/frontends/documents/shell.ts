/** A shell script as document facts: the simple commands it runs, word by word. */
import { emptyDocumentFacts, wordsSpan, type DocumentFacts } from '../../ir/documentFacts';
import { hashComments } from './comments';
import { shellCommands } from './shellWords';

export function readShell(text: string, path: string): DocumentFacts {
  const facts = emptyDocumentFacts('shell', path, text);
  facts.comments = hashComments(text);
  for (const words of shellCommands(text, text.charCodeAt(0) === 0xfeff ? 1 : 0)) {
    facts.commands.push({ source: 'shell', words, span: wordsSpan(words) });
  }
  return facts;
}
