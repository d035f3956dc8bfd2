/**
 * The compliance tree provider against a recorded model
 * (test/workspaces/violating-app.model.json, written from the violating-app
 * fixture), with a minimal fake of the `vscode` API it is given.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ComplianceTreeProvider, statusText, type Node, type VscodeApi } from '../client/src/complianceView';
import type { ComplianceModel } from '../server/src/shared/protocol';

class TreeItem {
  description?: string;
  tooltip?: string;
  iconPath?: ThemeIcon;
  contextValue?: string;
  resourceUri?: Uri;
  id?: string;
  command?: { command: string; title: string; arguments?: unknown[] };
  constructor(
    readonly label: string,
    readonly collapsibleState: number,
  ) {}
}
class ThemeIcon {
  constructor(
    readonly id: string,
    readonly color?: ThemeColor,
  ) {}
}
class ThemeColor {
  constructor(readonly id: string) {}
}
class Uri {
  constructor(readonly path: string) {}
  static file(path: string): Uri {
    return new Uri(path);
  }
  static joinPath(base: Uri, ...parts: string[]): Uri {
    return new Uri([base.path, ...parts].join('/'));
  }
}
class Range {
  constructor(
    readonly startLine: number,
    readonly startCharacter: number,
    readonly endLine: number,
    readonly endCharacter: number,
  ) {}
}
class EventEmitter<T> {
  private listeners: ((e: T) => void)[] = [];
  event = (listener: (e: T) => void) => {
    this.listeners.push(listener);
    return { dispose: () => undefined };
  };
  fire(e: T): void {
    for (const l of this.listeners) l(e);
  }
}
const fake = {
  TreeItem,
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  ThemeIcon,
  ThemeColor,
  Uri,
  Range,
  EventEmitter,
} as unknown as VscodeApi;

const MODEL: ComplianceModel = JSON.parse(
  readFileSync(join(__dirname, 'workspaces', 'violating-app.model.json'), 'utf8'),
);

function provider(models: ComplianceModel[] = [MODEL]): ComplianceTreeProvider {
  const p = new ComplianceTreeProvider(fake);
  p.setModels(models);
  return p;
}

const item = (p: ComplianceTreeProvider, n: Node) => p.getTreeItem(n) as unknown as TreeItem;

test('the roots are the twelve factors, labelled with their finding count and iconed by status', () => {
  const p = provider();
  const roots = p.getChildren();
  assert.equal(roots.length, 12);
  const items = roots.map((n) => item(p, n));
  const iii = MODEL.factors[2];
  assert.equal(items[2].label, `III. Config — ${iii.findingCount} findings`);
  assert.equal(items[2].description, 'fail');
  assert.equal(items[2].iconPath?.id, 'error');
  assert.equal(items[2].contextValue, 'factor');
  assert.match(items[2].tooltip ?? '', /https:\/\/12factor\.net\/config/);
  const i = items[0];
  assert.equal(i.label, 'I. Codebase', 'no count when a factor has no findings');
  assert.equal(i.iconPath?.id, 'pass');
  for (const [k, n] of roots.entries()) {
    assert.equal(
      item(p, n).iconPath?.id,
      { pass: 'pass', warn: 'warning', fail: 'error', unknown: 'question' }[MODEL.factors[k].status],
    );
  }
});

test('a factor holds its checks, then its files; a file holds its findings that open at their range', () => {
  const p = provider();
  const iii = p.getChildren()[2];
  const children = p.getChildren(iii);
  const factor = MODEL.factors[2];
  assert.deepEqual(
    children.map((c) => c.kind),
    [...factor.checks.map(() => 'check'), ...factor.files.map(() => 'file')],
  );
  const checkItem = item(p, children[0]);
  assert.equal(checkItem.label, factor.checks[0].id);
  assert.equal(checkItem.description, factor.checks[0].message);
  const fileNode = children.find((c) => c.kind === 'file' && c.file.file === 'src/server.js');
  assert.ok(fileNode);
  const findings = p.getChildren(fileNode);
  assert.ok(findings.length > 0);
  const first = findings[0];
  assert.equal(first.kind, 'finding');
  const f = first.kind === 'finding' ? first.finding : undefined;
  const findingItem = item(p, first);
  assert.equal(findingItem.command?.command, 'vscode.open');
  const [uri, options] = findingItem.command?.arguments as [Uri, { selection: Range }];
  assert.equal(uri.path, '/ws/violating-app/src/server.js');
  assert.deepEqual(
    options.selection,
    new Range(f!.range.start.line, f!.range.start.character, f!.range.end.line, f!.range.end.character),
  );
  assert.match(String(findingItem.description), new RegExp(`line ${f!.range.start.line + 1}$`));
});

test('a check with files lists them, each opening the file; one without files is a leaf', () => {
  const p = provider();
  const iii = p.getChildren()[2];
  const checks = p.getChildren(iii).filter((c) => c.kind === 'check');
  const tracked = checks.find((c) => c.kind === 'check' && c.check.id === 'env-untracked');
  assert.ok(tracked);
  assert.equal(item(p, tracked).collapsibleState, 1);
  const files = p.getChildren(tracked);
  assert.deepEqual(
    files.map((f) => item(p, f).label),
    ['.env'],
  );
  assert.equal(item(p, files[0]).command?.command, 'vscode.open');
  const xii = p.getChildren()[11];
  const leaf = p.getChildren(xii).find((c) => c.kind === 'check' && c.check.files.length === 0);
  if (leaf) assert.equal(item(p, leaf).collapsibleState, 0);
});

test('several folders: one node per folder with its score above the factors', () => {
  const other = { ...MODEL, root: '/ws/other', score: 5 };
  const p = provider([MODEL, other]);
  const roots = p.getChildren();
  assert.deepEqual(
    roots.map((r) => [item(p, r).label, item(p, r).description]),
    [
      ['violating-app', `${MODEL.score}/12`],
      ['other', '5/12'],
    ],
  );
  assert.equal(p.getChildren(roots[1]).length, 12);
});

test('setModels fires a change; the status text is the score, warning when a factor fails, hidden without files', () => {
  const p = new ComplianceTreeProvider(fake);
  let fired = 0;
  p.onDidChangeTreeData(() => fired++);
  p.setModels([MODEL]);
  assert.equal(fired, 1);
  assert.deepEqual(statusText([MODEL]), { text: `12F ${MODEL.score}/12`, failing: true, folder: 'violating-app' });
  const passing = { ...MODEL, factors: MODEL.factors.map((f) => ({ ...f, status: 'warn' as const })) };
  assert.deepEqual(statusText([passing]), { text: `12F ${MODEL.score}/12`, failing: false, folder: 'violating-app' });
  assert.equal(statusText([{ ...MODEL, stats: { files: 0, skipped: 0 } }]), undefined);
  assert.equal(statusText([]), undefined);
});

test("several folders: the status bar shows the score of the active file's folder, not a sum", () => {
  const passing = MODEL.factors.map((f) => ({ ...f, status: 'pass' as const }));
  const other = { ...MODEL, root: '/ws/other', score: 12, unknown: 0, factors: passing };
  const nested = { ...MODEL, root: '/ws/other/api', score: 7, unknown: 2 };
  const models = [MODEL, other, nested];
  assert.deepEqual(statusText(models, '/ws/other/app.py'), { text: '12F 12/12', failing: false, folder: 'other' });
  assert.deepEqual(statusText(models, '/ws/other/api/main.py'), {
    text: '12F 7/12 (2 unknown)',
    failing: true,
    folder: 'api',
  });
  // No active file, or one outside every folder: the first folder's.
  assert.equal(statusText(models)?.folder, 'violating-app');
  assert.equal(statusText(models, '/ws/otherwise/x.py')?.folder, 'violating-app');
});
