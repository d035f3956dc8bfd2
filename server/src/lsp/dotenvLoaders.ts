/**
 * What loads `.env` in each workspace folder, for "Move to .env": the
 * project facts (workspace/projectFacts.ts, `dotenvLoaders`) gathered once
 * per folder in the background and dropped when a file of the folder
 * changes on disk; an open document's loaders come from its current text, so
 * an unsaved `load_dotenv()` counts and a deleted one does not.
 */
import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DotenvLoader, Language } from '../ir/types';
import { languageOfPath } from '../shared/languages';
import { sourceDotenvLoaders } from '../workspace/envLoaders';
import { gatherProjectFacts } from '../workspace/projectFacts';
import { isInside } from '../workspace/readFile';
import type { DocumentStore } from './documents';
import type { Logger } from './logging';

export class DotenvLoaderFacts {
  private readonly byFolder = new Map<string, Promise<readonly DotenvLoader[] | undefined>>();

  constructor(
    private readonly documents: DocumentStore,
    private readonly log: Logger,
    /** The parsers' start-up: source files are parsed for their loaders. */
    private readonly ready: Promise<unknown>,
  ) {}

  /** Starts gathering a folder's loaders (a document of it opened), so the first Ctrl+. does not wait for the walk. */
  warm(folder: string): void {
    void this.fromDisk(folder);
  }

  /** The loaders of `folder`, paths relative to it; undefined when the folder could not be read. */
  async loaders(folder: string): Promise<readonly DotenvLoader[] | undefined> {
    // After the parsers' start-up: the walk waits for it.
    const disk = await this.fromDisk(folder);
    if (!disk) return undefined;
    const open = new Map<string, DotenvLoader[]>();
    for (const state of this.documents.all()) {
      if (!state.uri.startsWith('file:') || state.notebook !== undefined) continue;
      const path = fileURLToPath(state.uri);
      const language = languageOfPath(path);
      if (!language || !isInside(folder, path)) continue;
      const rel = relative(folder, path).split(sep).join('/');
      // The facts of the document's last analysis when it was of this text (no parse per code-action request).
      const analysedAs = (await state.settings?.catch(() => undefined))?.relPath ?? rel;
      try {
        const factsOf = (text: string, lang: Language) => state.parse.factsOf(text, analysedAs, lang);
        open.set(rel, sourceDotenvLoaders(rel, language, state.document.getText(), factsOf));
      } catch (error) {
        this.log.debug(`could not read the .env loaders of ${rel}: ${String(error)}`);
      }
    }
    return [...disk.filter((l) => !open.has(l.file)), ...[...open.values()].flat()];
  }

  /** A file changed on disk: the folders holding it are gathered again on the next request. */
  changed(fsPath: string): void {
    for (const folder of [...this.byFolder.keys()]) if (isInside(folder, fsPath)) this.byFolder.delete(folder);
  }

  private fromDisk(folder: string): Promise<readonly DotenvLoader[] | undefined> {
    let gathered = this.byFolder.get(folder);
    if (!gathered) {
      gathered = this.ready
        .then(() => gatherProjectFacts(folder, { dotenvLoaders: true }))
        .then(
          (facts) => facts.dotenvLoaders,
          (error: unknown) => {
            this.log.error('could not read what loads .env', error);
            return undefined;
          },
        );
      this.byFolder.set(folder, gathered);
    }
    return gathered;
  }
}
