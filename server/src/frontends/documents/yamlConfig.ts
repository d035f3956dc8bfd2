/**
 * A YAML file as document facts, parsed by `yaml` (every document of a
 * stream, with source ranges; a broken document still yields what it holds).
 *
 * - An application config file by name (lib/configFiles.ts: `config/*.yml`,
 *   `settings.yaml`, `secrets.yml`): every scalar is a setting under its key
 *   path, written once where it is written (an anchor's values at the anchor,
 *   not again at each `*alias` or `<<:` merge).
 * - A Kubernetes manifest (a document with `apiVersion` and `kind`, in any
 *   YAML file): a `Secret`'s `stringData` and `data` entries (`data` decoded
 *   from base64) and a `ConfigMap`'s `data` are env values named by their
 *   key, as are containers' `env: [{name, value}]`; every other scalar is a
 *   plain key. Helm's `{{ … }}` is a reference.
 * - Any other YAML (CI workflows, OpenAPI specs, locales): nothing, and it is
 *   not even parsed unless a line starts with `apiVersion:` and one with `kind:`.
 */
import { isMap, isPair, isScalar, isSeq, parseAllDocuments, type Scalar, type YAMLMap } from 'yaml';
import { emptyDocumentFacts, hasConfigReference, type DocumentFacts, type ValueFact } from '../../ir/documentFacts';
import { configFileKind } from '../../lib/configFiles';
import { hashComments } from './comments';
import { decodeBase64Text } from './base64';

const MAX_DEPTH = 64;
const API_VERSION = /^apiVersion\s*:/m;
const KIND = /^kind\s*:/m;
/** Kinds whose data entries are values a workload reads by name. */
const DATA_KINDS: ReadonlySet<string> = new Set(['Secret', 'ConfigMap']);

export function readYamlConfig(text: string, path: string): DocumentFacts {
  const facts = emptyDocumentFacts('yaml-config', path, text);
  const config = configFileKind(path) === 'yaml';
  if (!config && !(API_VERSION.test(text) && KIND.test(text))) return facts;
  facts.comments = hashComments(text);
  for (const doc of parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false })) {
    if (!('contents' in doc)) continue;
    if (doc.errors.length > 0) facts.syntaxErrors = true;
    const root = doc.contents;
    const kind = isMap(root) ? manifestKind(root) : undefined;
    if (root !== null) (facts.manifestKinds ??= []).push(kind ?? '');
    if (kind !== undefined && isMap(root)) new ManifestWalker(facts).document(root, kind);
    else if (config) plain(root, [], 0, 'setting', facts, new Set());
  }
  facts.values.sort((a, b) => a.span.start - b.span.start);
  return facts;
}

function scalarOf(node: unknown): Scalar | undefined {
  return isScalar(node) && node.range ? node : undefined;
}

/** The value of a map's key as a scalar string. */
function stringAt(map: unknown, key: string): string | undefined {
  if (!isMap(map)) return undefined;
  const value = scalarOf(map.get(key, true))?.value;
  return typeof value === 'string' ? value : undefined;
}

/** `kind` of a document that also has an `apiVersion`: a Kubernetes object. */
function manifestKind(root: unknown): string | undefined {
  return stringAt(root, 'apiVersion') !== undefined ? stringAt(root, 'kind') : undefined;
}

function push(facts: DocumentFacts, node: Scalar, path: string[], role: ValueFact['role'], name?: string): void {
  const value = node.value;
  if (value === null || typeof value === 'object' || typeof value === 'symbol' || !node.range) return;
  // A block scalar (`key: |`) keeps its last line break: the value is the text above it.
  const block = node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED';
  const text = block ? String(value).replace(/\r?\n$/, '') : String(value);
  const key = name ?? [...path].reverse().find((p) => !/^\d+$/.test(p)) ?? '';
  facts.values.push({
    path,
    name: key,
    value: text,
    span: { start: node.range[0], end: node.range[1] },
    role,
    reference: hasConfigReference(text),
  });
}

/** Every scalar under `node` where it is written (aliases are not followed), except those already taken. */
function plain(
  node: unknown,
  path: string[],
  depth: number,
  role: ValueFact['role'],
  facts: DocumentFacts,
  taken: Set<unknown>,
): void {
  if (depth > MAX_DEPTH || taken.has(node)) return;
  if (isMap(node)) {
    for (const item of node.items) {
      const key = scalarOf(item.key)?.value;
      if (key === '<<' || (typeof key !== 'string' && typeof key !== 'number')) continue;
      plain(item.value, [...path, String(key)], depth + 1, role, facts, taken);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => plain(item, [...path, String(i)], depth + 1, role, facts, taken));
  } else if (isScalar(node) && path.length > 0) {
    push(facts, node, path, role);
  }
}

/** One Kubernetes object: its data entries and container env values by name, then every other scalar by format. */
class ManifestWalker {
  private readonly taken = new Set<unknown>();

  constructor(private readonly facts: DocumentFacts) {}

  document(root: YAMLMap, kind: string): void {
    const name = stringAt(root.get('metadata', true), 'name') ?? '';
    const base = [kind, name];
    if (DATA_KINDS.has(kind)) {
      this.data(root.get('stringData', true), [...base, 'stringData'], false);
      this.data(root.get('data', true), [...base, 'data'], kind === 'Secret');
    }
    this.envLists(root, base, 0);
    plain(root, base, 0, 'key', this.facts, this.taken);
  }

  private data(node: unknown, path: string[], base64: boolean): void {
    if (!isMap(node)) return;
    this.taken.add(node);
    for (const item of node.items) {
      const key = scalarOf(item.key)?.value;
      const value = scalarOf(item.value);
      if (typeof key !== 'string' || !value || typeof value.value !== 'string') continue;
      if (!base64) {
        push(this.facts, value, [...path, key], 'env', key);
        continue;
      }
      const decoded = decodeBase64Text(value.value);
      if (decoded === undefined || !value.range) continue;
      this.facts.values.push({
        path: [...path, key],
        name: key,
        value: decoded,
        span: { start: value.range[0], end: value.range[1] },
        role: 'env',
        encoding: 'base64',
        reference: hasConfigReference(decoded),
      });
    }
  }

  /** `env:` lists of `{name, value}` items anywhere in the object (containers, init containers, templates). */
  private envLists(node: unknown, path: string[], depth: number): void {
    if (depth > MAX_DEPTH) return;
    if (isMap(node)) {
      for (const item of node.items) {
        if (!isPair(item)) continue;
        const key = scalarOf(item.key)?.value;
        if (typeof key !== 'string') continue;
        if (key === 'env' && isSeq(item.value)) this.env(item.value.items, [...path, 'env']);
        else this.envLists(item.value, [...path, key], depth + 1);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => this.envLists(item, [...path, String(i)], depth + 1));
    }
  }

  private env(items: unknown[], path: string[]): void {
    for (const item of items) {
      const name = stringAt(item, 'name');
      const value = isMap(item) ? scalarOf(item.get('value', true)) : undefined;
      if (name === undefined || !value) continue;
      this.taken.add(value);
      push(this.facts, value, [...path, name], 'env', name);
    }
  }
}
