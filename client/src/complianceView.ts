/**
 * The "Twelve-Factor" tree: factor → checks and files with findings →
 * findings. The logic takes the parts of the `vscode` API it uses as an
 * argument, so tests run it against a recorded model with a small fake.
 */
import type * as vscode from 'vscode';
import { scoreLabel } from '../../server/src/shared/protocol';
import type {
  Check,
  ComplianceModel,
  FactorResult,
  FileFindings,
  ModelFinding,
  Status,
} from '../../server/src/shared/protocol';

export type VscodeApi = Pick<
  typeof vscode,
  'TreeItem' | 'TreeItemCollapsibleState' | 'ThemeIcon' | 'ThemeColor' | 'Uri' | 'Range' | 'EventEmitter'
>;

export type Node =
  | { kind: 'folder'; model: ComplianceModel }
  | { kind: 'factor'; model: ComplianceModel; factor: FactorResult }
  | { kind: 'check'; model: ComplianceModel; check: Check }
  | { kind: 'checkFile'; model: ComplianceModel; file: string }
  | { kind: 'file'; model: ComplianceModel; file: FileFindings }
  | { kind: 'finding'; model: ComplianceModel; file: string; finding: ModelFinding };

const ICONS: Record<Status, [string, string]> = {
  pass: ['pass', 'testing.iconPassed'],
  warn: ['warning', 'list.warningForeground'],
  fail: ['error', 'list.errorForeground'],
  unknown: ['question', 'disabledForeground'],
};

export class ComplianceTreeProvider implements vscode.TreeDataProvider<Node> {
  private models: ComplianceModel[] = [];
  private readonly emitter: vscode.EventEmitter<Node | undefined>;
  readonly onDidChangeTreeData: vscode.Event<Node | undefined>;

  constructor(private readonly api: VscodeApi) {
    this.emitter = new api.EventEmitter<Node | undefined>();
    this.onDidChangeTreeData = this.emitter.event;
  }

  setModels(models: ComplianceModel[]): void {
    this.models = models;
    this.emitter.fire(undefined);
  }

  getModels(): readonly ComplianceModel[] {
    return this.models;
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      if (this.models.length === 1) return this.factorsOf(this.models[0]);
      return this.models.map((model) => ({ kind: 'folder', model }));
    }
    const { model } = node;
    switch (node.kind) {
      case 'folder':
        return this.factorsOf(model);
      case 'factor':
        return [
          ...node.factor.checks.map((check): Node => ({ kind: 'check', model, check })),
          ...node.factor.files.map((file): Node => ({ kind: 'file', model, file })),
        ];
      case 'check':
        return node.check.files.map((file): Node => ({ kind: 'checkFile', model, file }));
      case 'file':
        return node.file.findings.map((finding): Node => ({ kind: 'finding', model, file: node.file.file, finding }));
      default:
        return [];
    }
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const { api } = this;
    const State = api.TreeItemCollapsibleState;
    switch (node.kind) {
      case 'folder': {
        const item = new api.TreeItem(folderName(node.model.root), State.Expanded);
        item.description = scoreLabel(node.model.score, node.model.unknown);
        item.iconPath = new api.ThemeIcon('root-folder');
        return item;
      }
      case 'factor': {
        const f = node.factor;
        const count = f.findingCount > 0 ? ` — ${f.findingCount} finding${f.findingCount === 1 ? '' : 's'}` : '';
        const item = new api.TreeItem(`${f.factor}. ${f.title}${count}`, State.Collapsed);
        item.description = f.status;
        item.tooltip = `${f.factor}. ${f.title}: ${f.status}. ${f.reason}\n${f.url}`;
        item.iconPath = this.icon(f.status);
        // `factor` enables the inline "open on 12factor.net" action.
        item.contextValue = 'factor';
        item.id = `${node.model.root}#${f.factor}`;
        return item;
      }
      case 'check': {
        const c = node.check;
        const item = new api.TreeItem(c.id, c.files.length > 0 ? State.Collapsed : State.None);
        item.description = c.message;
        item.tooltip = `${c.id} (${c.status}): ${c.message}`;
        item.iconPath = this.icon(c.status);
        item.contextValue = 'check';
        return item;
      }
      case 'checkFile': {
        const item = new api.TreeItem(node.file, State.None);
        const uri = this.uriOf(node.model, node.file);
        item.resourceUri = uri;
        item.command = { command: 'vscode.open', title: 'Open', arguments: [uri] };
        item.contextValue = 'file';
        return item;
      }
      case 'file': {
        const item = new api.TreeItem(node.file.file, State.Expanded);
        item.resourceUri = this.uriOf(node.model, node.file.file);
        item.description = `${node.file.findings.length}`;
        item.contextValue = 'file';
        return item;
      }
      case 'finding': {
        const { finding } = node;
        const item = new api.TreeItem(finding.message, State.None);
        item.description = `${finding.rule} · line ${finding.range.start.line + 1}`;
        item.tooltip = `${finding.rule} (${finding.severity}): ${finding.message}`;
        item.iconPath = this.icon(
          finding.severity === 'error' ? 'fail' : finding.severity === 'warning' ? 'warn' : 'unknown',
        );
        const r = finding.range;
        const selection = new api.Range(r.start.line, r.start.character, r.end.line, r.end.character);
        item.command = {
          command: 'vscode.open',
          title: 'Open finding',
          arguments: [this.uriOf(node.model, node.file), { selection }],
        };
        item.contextValue = 'finding';
        return item;
      }
    }
  }

  private factorsOf(model: ComplianceModel): Node[] {
    return model.factors.map((factor) => ({ kind: 'factor', model, factor }));
  }

  private icon(status: Status): vscode.ThemeIcon {
    const [id, color] = ICONS[status];
    return new this.api.ThemeIcon(id, new this.api.ThemeColor(color));
  }

  private uriOf(model: ComplianceModel, file: string): vscode.Uri {
    return this.api.Uri.joinPath(this.api.Uri.file(model.root), ...file.split('/'));
  }
}

function folderName(root: string): string {
  const parts = root.split(/[\\/]/).filter((p) => p !== '');
  return parts[parts.length - 1] ?? root;
}

/**
 * `12F 9/12` for one folder: the one holding the active file (`activePath`),
 * else the first judged one; with several folders the tooltip says which.
 * Undefined (hidden) when no folder has a supported file.
 */
export function statusText(
  models: readonly ComplianceModel[],
  activePath?: string,
): { text: string; failing: boolean; folder: string } | undefined {
  const judged = models.filter((m) => m.stats.files > 0);
  if (judged.length === 0) return undefined;
  const holding = activePath ? judged.filter((m) => isInside(m.root, activePath)) : [];
  // The innermost folder that holds the file (nested workspace folders).
  const model = holding.sort((a, b) => b.root.length - a.root.length)[0] ?? judged[0];
  return {
    text: `12F ${scoreLabel(model.score, model.unknown)}`,
    failing: model.factors.some((f) => f.status === 'fail'),
    folder: folderName(model.root),
  };
}

function isInside(root: string, file: string): boolean {
  const r = root.replace(/[\\/]+$/, '');
  return file === r || file.startsWith(`${r}/`) || file.startsWith(`${r}\\`);
}
