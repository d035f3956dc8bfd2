/**
 * Processes declared by Kubernetes manifests: each container of a workload
 * (Deployment, StatefulSet, DaemonSet, Job, CronJob, Pod) is a process named
 * by the container, its command line `command` + `args`. A Job or CronJob
 * runs once (or on a schedule) and exits: a one-off, admin process.
 * Multi-document files are read document by document; a document that does
 * not parse (a Helm template with `{{ }}`) is skipped.
 */
import { parseAllDocuments } from 'yaml';

export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Job' | 'CronJob' | 'Pod';

export interface KubernetesProcess {
  /** The container's name. */
  name: string;
  /** `command` then `args`, `$(VAR)` written `${VAR}` (Kubernetes expands it from the container's env). */
  command: string;
  workload: WorkloadKind;
  /** A Job or CronJob. */
  oneOff: boolean;
}

const WORKLOADS: ReadonlySet<string> = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Pod']);
/** Cheap test before parsing: a top-level `apiVersion:` and a workload `kind:`. */
const API_VERSION = /^apiVersion\s*:/m;
const WORKLOAD_KIND = /^kind\s*:\s*["']?(?:Deployment|StatefulSet|DaemonSet|Job|CronJob|Pod)["']?\s*(?:#.*)?$/m;

/** True when the text holds at least one document that is a Kubernetes workload. */
export function isKubernetesManifest(text: string): boolean {
  return workloads(text).length > 0;
}

/** The processes of every workload document in the text; [] for anything else. */
export function parseKubernetesManifest(text: string): KubernetesProcess[] {
  return workloads(text).flatMap(({ kind, spec }) => {
    const oneOff = kind === 'Job' || kind === 'CronJob';
    return containersOf(kind, spec).flatMap((c): KubernetesProcess[] => {
      const name = typeof c.name === 'string' ? c.name : '';
      const words = [...strings(c.command), ...strings(c.args)];
      if (!name || words.length === 0) return [];
      return [{ name, command: commandLine(words), workload: kind, oneOff }];
    });
  });
}

type Obj = Record<string, unknown>;

function workloads(text: string): { kind: WorkloadKind; spec: Obj }[] {
  if (!API_VERSION.test(text) || !WORKLOAD_KIND.test(text)) return [];
  let docs: ReturnType<typeof parseAllDocuments>;
  try {
    docs = parseAllDocuments(text);
  } catch {
    return [];
  }
  if (!Array.isArray(docs)) return [];
  const out: { kind: WorkloadKind; spec: Obj }[] = [];
  for (const doc of docs) {
    if (doc.errors.length > 0) continue;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 50 });
    } catch {
      continue;
    }
    const root = asObj(value);
    if (!root || typeof root.apiVersion !== 'string' || typeof root.kind !== 'string') continue;
    if (!WORKLOADS.has(root.kind)) continue;
    const spec = asObj(root.spec);
    if (spec) out.push({ kind: root.kind as WorkloadKind, spec });
  }
  return out;
}

/** `spec.containers` (Pod), `spec.jobTemplate.spec.template.spec.containers` (CronJob), else `spec.template.spec.containers`. */
function containersOf(kind: WorkloadKind, spec: Obj): Obj[] {
  let podSpec: Obj | undefined = spec;
  if (kind === 'CronJob') podSpec = asObj(asObj(asObj(asObj(spec.jobTemplate)?.spec)?.template)?.spec);
  else if (kind !== 'Pod') podSpec = asObj(asObj(spec.template)?.spec);
  const containers = podSpec?.containers;
  return Array.isArray(containers)
    ? containers.flatMap((c: unknown): Obj[] => {
        const o = asObj(c);
        return o ? [o] : [];
      })
    : [];
}

function asObj(value: unknown): Obj | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Obj) : undefined;
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) return [];
  return value.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number').map(String);
}

/** Words joined as a shell would read them back; `$(VAR)` becomes `${VAR}`. */
function commandLine(words: readonly string[]): string {
  return words
    .map((w) => w.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, '$${$1}'))
    .map((w) => (/[\s"']/.test(w) ? JSON.stringify(w) : w))
    .join(' ');
}
