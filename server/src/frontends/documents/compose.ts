/**
 * A compose file as document facts, parsed by `yaml` (every document of a
 * multi-document stream, with source ranges). Anchors are followed where
 * they are used (`environment: *common`, `<<: *defaults`), and a value
 * reached through several aliases is one fact, at the place it is written.
 * Service `environment` entries (map or `KEY=value` list) are env values,
 * `build.args` are build arguments, every other scalar is a plain key;
 * `command`/`entrypoint` are commands.
 */
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseAllDocuments,
  visit,
  type Alias,
  type Document,
  type YAMLMap,
} from 'yaml';
import {
  emptyDocumentFacts,
  hasVariableReference,
  wordsSpan,
  type CommandWord,
  type DocumentFacts,
  type ValueFact,
} from '../../ir/documentFacts';
import { hashComments } from './comments';
import { shellCommands } from './shellWords';

/** Aliases followed on one path: a deeper chain is a YAML bomb, not a compose file. */
const MAX_ALIAS_DEPTH = 16;

export function readCompose(text: string, path: string): DocumentFacts {
  const facts = emptyDocumentFacts('compose', path, text);
  facts.comments = hashComments(text);
  const seen = new Set<number>();
  const push = (fact: ValueFact) => {
    if (seen.has(fact.span.start)) return;
    seen.add(fact.span.start);
    facts.values.push(fact);
  };
  for (const doc of parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false })) {
    if (!('contents' in doc)) continue;
    if (doc.errors.length > 0) facts.syntaxErrors = true;
    const tree = new ComposeTree(doc);
    const walker = new FactWalker(tree, text, push, facts);
    const root = tree.resolve(doc.contents);
    if (!isMap(root)) continue;
    // Services first: a value an `x-*` anchor holds is an env value when a service's environment uses it.
    for (const [name, service] of tree.entries(tree.get(root, 'services'))) walker.service(name, service);
    walker.plain(root, [], 0);
  }
  facts.values.sort((a, b) => a.span.start - b.span.start);
  return facts;
}

/** A compose service as the compliance checks read it: what runs and from which image. */
export interface ComposeService {
  name: string;
  image?: string;
  /** `command:` as one line (a list joined with blanks). */
  command?: string;
  /** The service is built from a Dockerfile here. */
  build: boolean;
  /** `env_file:` paths as written (a string, a list, or `- path:` entries); absent without one. */
  envFiles?: string[];
}

/**
 * The services of every document of a compose file, merge keys and aliases
 * followed as for the facts (`<<: *defaults` giving `image` or `command`).
 */
export function readComposeServices(text: string): ComposeService[] {
  const out: ComposeService[] = [];
  for (const doc of parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false })) {
    if (!('contents' in doc)) continue;
    const tree = new ComposeTree(doc);
    for (const [name, node] of tree.entries(tree.get(doc.contents, 'services'))) {
      const service: ComposeService = { name, build: false };
      for (const [key, value] of tree.entries(node)) {
        const resolved = tree.resolve(value);
        if (key === 'build') service.build = resolved !== null && !(isScalar(resolved) && resolved.value === null);
        else if (key === 'image' && isScalar(resolved) && resolved.value !== null)
          service.image = String(resolved.value);
        else if (key === 'command') {
          if (isScalar(resolved) && resolved.value !== null) service.command = String(resolved.value);
          else if (isSeq(resolved)) {
            const words = resolved.items.map((i) => tree.resolve(i)).filter(isScalar);
            service.command = words.map((w) => String(w.value)).join(' ');
          }
        } else if (key === 'env_file') {
          const files = envFilePaths(tree, resolved);
          if (files.length > 0) service.envFiles = files;
        }
      }
      out.push(service);
    }
  }
  return out;
}

/** `env_file: .env`, `env_file: [a, b]`, `env_file: [{ path: a, required: false }]`. */
function envFilePaths(tree: ComposeTree, node: unknown): string[] {
  const one = (n: unknown): string[] => {
    const r = tree.resolve(n);
    if (isScalar(r) && typeof r.value === 'string') return [r.value];
    const path = tree.resolve(tree.get(r, 'path'));
    return isScalar(path) && typeof path.value === 'string' ? [path.value] : [];
  };
  return isSeq(node) ? node.items.flatMap(one) : one(node);
}

/** Every anchor of a document by name, in document order. */
function anchorsOf(doc: Document.Parsed): Map<string, { start: number; node: unknown }[]> {
  const anchors = new Map<string, { start: number; node: unknown }[]>();
  visit(doc, (_key, node) => {
    const anchor = (node as { anchor?: string }).anchor;
    const start = (node as { range?: [number, number, number] | null }).range?.[0];
    if (!anchor || start === undefined) return;
    const list = anchors.get(anchor) ?? [];
    list.push({ start, node });
    anchors.set(anchor, list);
  });
  return anchors;
}

/** One YAML document of a compose file, read the way compose reads it: aliases resolved, merge keys expanded. */
class ComposeTree {
  private readonly entriesOf = new Map<YAMLMap, [string, unknown][]>();
  private anchors?: Map<string, { start: number; node: unknown }[]>;

  constructor(private readonly doc: Document.Parsed) {}

  /**
   * The node an alias names: the last anchor of that name before it. Looked
   * up in a table built once per document (`Alias.resolve` searches the
   * whole document on every call: quadratic in a file of many aliases).
   */
  resolve(node: unknown): unknown {
    let n = node;
    for (let d = 0; isAlias(n) && d < MAX_ALIAS_DEPTH; d++) n = this.anchored(n);
    return isAlias(n) ? undefined : n;
  }

  private anchored(alias: Alias): unknown {
    this.anchors ??= anchorsOf(this.doc);
    const candidates = this.anchors.get(alias.source);
    const at = alias.range?.[0] ?? Infinity;
    let found: unknown;
    for (const c of candidates ?? []) {
      if (c.start < at) found = c.node;
      else break;
    }
    return found;
  }

  /**
   * A map's entries with string keys, merge keys (`<<: *base`, `<<: [*a, *b]`)
   * expanded; own keys win. Kept per map: maps merging each other in a chain
   * would otherwise cost exponential time (a "billion laughs" of merges).
   */
  entries(node: unknown, depth = 0): [string, unknown][] {
    const map = this.resolve(node);
    if (!isMap(map) || depth > MAX_ALIAS_DEPTH) return [];
    const known = this.entriesOf.get(map);
    if (known) return known;
    const computed = this.mapEntries(map, depth);
    this.entriesOf.set(map, computed);
    return computed;
  }

  private mapEntries(map: YAMLMap, depth: number): [string, unknown][] {
    const own: [string, unknown][] = [];
    const merged: [string, unknown][] = [];
    for (const item of map.items) {
      if (!isPair(item)) continue;
      const key = isScalar(item.key) ? item.key.value : undefined;
      if (key === '<<' || typeof key === 'symbol') {
        const sources = this.resolve(item.value);
        for (const source of isSeq(sources) ? sources.items : [sources])
          merged.push(...this.entries(source, depth + 1));
      } else if (typeof key === 'string' || typeof key === 'number') {
        own.push([String(key), item.value]);
      }
    }
    const names = new Set(own.map(([k]) => k));
    return [...own, ...merged.filter(([k]) => !names.has(k))];
  }

  get(node: unknown, key: string): unknown {
    return this.entries(node).find(([k]) => k === key)?.[1];
  }
}

/** Turns one document's services and other keys into facts, each value once. */
class FactWalker {
  /** Nodes read as environment, build arguments or commands: the plain walk leaves them alone. */
  private readonly taken = new Set<unknown>();

  constructor(
    private readonly tree: ComposeTree,
    private readonly text: string,
    private readonly push: (fact: ValueFact) => void,
    private readonly facts: DocumentFacts,
  ) {}

  service(name: string, node: unknown): void {
    const base = ['services', name];
    for (const [key, value] of this.tree.entries(node)) {
      if (key === 'environment') this.environment(value, [...base, key], 'env');
      else if (key === 'build') {
        const args = this.tree.get(value, 'args');
        if (args !== undefined) this.environment(args, [...base, 'build', 'args'], 'arg');
      } else if (key === 'command' || key === 'entrypoint') this.command(value, key, name);
    }
  }

  /** `KEY: value` entries, or `- KEY=value` items (a bare `- KEY` passes the host's value through). */
  environment(node: unknown, path: string[], role: 'env' | 'arg'): void {
    const resolved = this.tree.resolve(node);
    this.taken.add(resolved);
    if (isSeq(resolved)) {
      for (const item of resolved.items) {
        const scalar = this.tree.resolve(item);
        if (!isScalar(scalar) || typeof scalar.value !== 'string' || !scalar.range) continue;
        const eq = scalar.value.indexOf('=');
        if (eq <= 0) continue;
        const name = scalar.value.slice(0, eq);
        const value = scalar.value.slice(eq + 1);
        const [start, end] = scalar.range;
        // A plain scalar's value starts after the `=` as written; a quoted one is reported whole.
        const span = scalar.type === 'PLAIN' ? { start: start + eq + 1, end } : { start, end };
        this.push({ path: [...path, name], name, value, span, role, reference: hasVariableReference(value) });
      }
      return;
    }
    for (const [name, value] of this.tree.entries(resolved)) this.scalar(value, [...path, name], role);
  }

  command(node: unknown, source: string, owner: string): void {
    const resolved = this.tree.resolve(node);
    this.taken.add(resolved);
    if (isScalar(resolved) && typeof resolved.value === 'string' && resolved.range) {
      const [start, end] = resolved.range;
      // A plain or quoted string is one shell line; only a plain one maps word for word onto the file.
      const commands =
        resolved.type === 'PLAIN'
          ? shellCommands(this.text, start, end)
          : shellCommands(resolved.value).map((words) => words.map((w) => ({ ...w, span: { start, end } })));
      for (const words of commands) this.facts.commands.push({ source, owner, words, span: { start, end } });
    } else if (isSeq(resolved)) {
      const words: CommandWord[] = [];
      for (const item of resolved.items) {
        const scalar = this.tree.resolve(item);
        if (!isScalar(scalar) || scalar.value === null || !scalar.range) continue;
        words.push({ value: String(scalar.value), span: { start: scalar.range[0], end: scalar.range[1] } });
      }
      if (words.length > 0) this.facts.commands.push({ source, owner, words, span: wordsSpan(words) });
    }
  }

  /**
   * Every scalar under `node` as a plain key (env and build values were taken
   * first and are not repeated). Aliases are not followed: what they point at
   * is walked where it is written, once.
   */
  plain(node: unknown, path: string[], depth: number): void {
    if (depth > MAX_ALIAS_DEPTH * 4 || isAlias(node) || this.taken.has(node)) return;
    if (isMap(node)) {
      for (const item of node.items) {
        const key = isScalar(item.key) ? item.key.value : undefined;
        if (typeof key === 'string' || typeof key === 'number')
          this.plain(item.value, [...path, String(key)], depth + 1);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => this.plain(item, [...path, String(i)], depth + 1));
    } else {
      this.scalar(node, path, 'key');
    }
  }

  private scalar(node: unknown, path: string[], role: ValueFact['role']): void {
    const scalar = this.tree.resolve(node);
    if (!isScalar(scalar) || !scalar.range || path.length === 0) return;
    const value = scalar.value;
    if (value === null || typeof value === 'object' || typeof value === 'symbol') return;
    const text = String(value);
    const [start, end] = scalar.range;
    this.push({
      path,
      name: path[path.length - 1],
      value: text,
      span: { start, end },
      role,
      reference: hasVariableReference(text),
    });
  }
}
