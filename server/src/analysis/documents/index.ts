/** Chooses the reader for a document kind and turns the file's text into document facts. */
import type { DocumentFacts } from '../documentFacts';
import type { DocumentKind } from '../types';
import { readCompose } from './compose';
import { readDockerfile } from './dockerfile';
import { readDotenv } from './dotenv';
import { readProcfile } from './procfile';
import { readShell } from './shell';

export { documentKindOf } from './kinds';

const READERS: Record<DocumentKind, (text: string, path: string) => DocumentFacts> = {
  dockerfile: readDockerfile,
  compose: readCompose,
  dotenv: readDotenv,
  procfile: readProcfile,
  shell: readShell,
};

export function extractDocument(kind: DocumentKind, text: string, path: string): DocumentFacts {
  return READERS[kind](text, path);
}
