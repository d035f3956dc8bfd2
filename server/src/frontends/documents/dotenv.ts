/**
 * A `.env` file as document facts: each entry is an env assignment, read by
 * the same reader the move-to-environment fix writes with (lib/dotenvParse.ts),
 * so what a rule sees is what npm dotenv and python-dotenv load.
 */
import { emptyDocumentFacts, hasVariableReference, type DocumentFacts } from '../../ir/documentFacts';
import { parseDotenv } from '../../lib/dotenvParse';
import { hashComments } from './comments';

export function readDotenv(text: string, path: string): DocumentFacts {
  const facts = emptyDocumentFacts('dotenv', path, text);
  facts.comments = hashComments(text);
  // A byte-order mark the editor hides is no part of the first name; a blank keeps the offsets.
  const parsed = parseDotenv(text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text);
  if (!parsed.ok) {
    // The two dotenv readers disagree on this file: no value is certain.
    facts.syntaxErrors = true;
    return facts;
  }
  for (const entry of parsed.entries) {
    if (!entry.valueSpan) continue;
    facts.values.push({
      path: [entry.name],
      name: entry.name,
      value: entry.value,
      span: entry.valueSpan,
      role: 'env',
      // Single-quoted values are never interpolated; the reader marks the others python-dotenv expands.
      reference: !!entry.interpolated || (text[entry.valueSpan.start] !== "'" && hasVariableReference(entry.value)),
    });
  }
  return facts;
}
