/**
 * "Stop tracking .env" (workspace/executeCommand), offered on the findings
 * of a `.env` that git tracks: the file leaves the index and stays on disk
 * (`git rm --cached`, through the hardened helper), `.gitignore` lists it
 * (the writer the move to .env uses), and a warning says to rotate its
 * secrets — they stay in the repository's history. Refused, with the reason
 * shown, when the file is not in a git repository, not tracked, outside the
 * workspace folders or `.gitignore` cannot be written; nothing is changed
 * then. The command runs on the server so every LSP client gets it.
 */
import { writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageType, type WorkspaceEdit } from 'vscode-languageserver';
import { ensureIgnoredPatch } from '../fixes/gitignore';
import { applyChanges, type FilePatch } from '../fixes/patch';
import { gitListFiles, gitTopLevel, gitUntrack } from '../workspace/git';
import { isInside, MAX_CONFIG_BYTES, readProjectText } from '../workspace/readFile';
import type { DocumentStore } from './documents';
import { filePathOf } from './workspaceState';
import { toWorkspaceEdit, type EditSupport } from './workspaceEdit';
import { writeRefusal } from './workspaceFiles';

export const STOP_TRACKING = 'twelve-factor.stopTracking';

export interface StopTrackingHost {
  documents: DocumentStore;
  /** The innermost workspace folder holding `path`, if any. */
  folderOf(path: string): string | undefined;
  support: () => EditSupport;
  /** workspace/applyEdit: used for a `.gitignore` open in the editor, whose buffer is the truth. */
  applyEdit(edit: WorkspaceEdit): Promise<boolean>;
  showMessage(type: MessageType, message: string): void;
  /** Git's answer for `path` changed: drop what was cached and refresh. */
  untracked(path: string): void;
}

/** The command's title, shown in the code action. */
export function stopTrackingTitle(name: string): string {
  return `Stop tracking ${name} (git rm --cached), add it to .gitignore, then rotate its secrets`;
}

export async function stopTracking(args: unknown[] | undefined, host: StopTrackingHost): Promise<void> {
  const uri = typeof args?.[0] === 'string' ? args[0] : undefined;
  const path = uri === undefined ? undefined : filePathOf(uri);
  if (!path) return;
  const name = basename(path);
  const refuse = (why: string) =>
    host.showMessage(MessageType.Error, `Twelve-Factor: cannot stop tracking ${name}: ${why}.`);
  const folder = host.folderOf(path);
  if (!folder) return refuse('it is outside the workspace folders');
  const top = await gitTopLevel(dirname(path));
  if (!top) return refuse('it is not in a git repository (or git is not available)');
  const listed = await gitListFiles(dirname(path), ['--cached', '--', name], { timeoutMs: 5000 });
  if (!listed || listed.length === 0) return refuse('git does not track it');
  const plan = gitignorePlan(path, folder, top, host.documents);
  if ('refused' in plan) return refuse(plan.refused);
  if (!(await gitUntrack(dirname(path), name))) return refuse('git could not remove it from the index');
  host.untracked(path);
  const written = plan.patch ? await writeGitignore(plan.patch, host) : true;
  const ignore = !plan.patch
    ? `.gitignore already lists it`
    : written
      ? `${relative(folder, plan.patch.path) || '.gitignore'} now lists it`
      : `add ${plan.relPath} to ${plan.patch.path} yourself (it could not be written)`;
  host.showMessage(
    MessageType.Warning,
    `Twelve-Factor: git no longer tracks ${name} (the removal is staged: commit it) and ${ignore}. ` +
      `Its values are still in the repository's history: rotate every secret it holds.`,
  );
}

interface GitignorePlan {
  /** Undefined when `.gitignore` already ignores the file. */
  patch?: FilePatch;
  relPath: string;
}

/**
 * The `.gitignore` that should list the file: the repository's top when it
 * lies inside the workspace folder, else the folder's own (git reads nested
 * `.gitignore` files).
 */
function gitignorePlan(
  path: string,
  folder: string,
  top: string,
  documents: DocumentStore,
): GitignorePlan | { refused: string } {
  const root = isInside(folder, top) ? top : folder;
  const relPath = relative(root, path).split(sep).join('/');
  if (relPath.startsWith('../')) return { refused: 'it is outside its repository' };
  const gitignorePath = join(root, '.gitignore');
  const open = documents.get(pathToFileURL(gitignorePath).href);
  if (!open) {
    const why = writeRefusal(gitignorePath, folder);
    if (why) return { refused: why };
  }
  const read = open ? undefined : readProjectText(gitignorePath, { maxBytes: MAX_CONFIG_BYTES, within: folder });
  const text = open ? open.document.getText() : read?.ok ? read.text : undefined;
  return { patch: ensureIgnoredPatch(gitignorePath, text, relPath), relPath };
}

/** In the editor's buffer when `.gitignore` is open there, else on disk. */
async function writeGitignore(patch: FilePatch, host: StopTrackingHost): Promise<boolean> {
  const open = host.documents.get(pathToFileURL(patch.path).href);
  if (open) {
    const edit = toWorkspaceEdit([patch], host.support(), () => ({ version: open.document.version }));
    return host.applyEdit(edit).catch(() => false);
  }
  try {
    writeFileSync(patch.path, applyChanges(patch.text, patch.changes), { flag: patch.create ? 'wx' : 'w' });
    return true;
  } catch {
    return false;
  }
}
