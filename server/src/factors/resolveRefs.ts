/**
 * Joins a `ModuleRef` with the project's own modules: which source file the
 * import names (relative and package-absolute specifiers, Python and JS/TS),
 * and whether the export it reads comes from the environment. Third-party
 * modules are not followed: their answer is `unresolved`.
 */
import type { SourceFile } from './context';
import { dirName } from './context';
import type { ModuleRef } from '../ir/signals';

export type RefAnswer = { kind: 'env' | 'literal'; file: string } | { kind: 'unresolved' };

const JS_SUFFIXES = ['', '.js', '.ts', '.mjs', '.cjs', '.jsx', '.tsx', '/index.js', '/index.ts', '/index.mjs'];

export class ProjectModules {
  private readonly byPath = new Map<string, SourceFile>();

  constructor(sources: readonly SourceFile[]) {
    for (const s of sources) this.byPath.set(s.path, s);
  }

  resolve(importer: string, ref: ModuleRef): RefAnswer {
    for (const { file, path } of this.candidates(importer, ref)) {
      const exported = this.byPath.get(file)?.signals?.exports?.find((e) => samePath(e.path, path));
      if (exported?.value === 'env' || exported?.value === 'literal') return { kind: exported.value, file };
      if (exported) return { kind: 'unresolved' };
    }
    return { kind: 'unresolved' };
  }

  /** Files the import may name, each with the export path to look for there. */
  private candidates(importer: string, ref: ModuleRef): { file: string; path: string[] }[] {
    const out: { file: string; path: string[] }[] = [];
    const member = ref.imported && ref.imported !== '*' && ref.imported !== 'default' ? [ref.imported] : [];
    if (ref.module === 'django.conf' && ref.imported === 'settings') {
      for (const file of this.byPath.keys()) if (isDjangoSettings(file)) out.push({ file, path: ref.path });
      return out;
    }
    if (ref.module.startsWith('.') && !ref.module.startsWith('./') && !ref.module.startsWith('../')) {
      // Python relative import: one dot is the importer's package.
      const dots = /^\.+/.exec(ref.module)![0].length;
      let base = dirName(importer);
      for (let i = 1; i < dots; i++) base = dirName(base);
      const rest = ref.module.slice(dots);
      this.python(join(base, rest.replace(/\./g, '/')), member, ref, out);
      return out;
    }
    if (ref.module.startsWith('./') || ref.module.startsWith('../')) {
      const target = normalize(join(dirName(importer), ref.module));
      for (const suffix of JS_SUFFIXES) {
        const file = target + suffix;
        if (this.byPath.has(file)) out.push({ file, path: [...member, ...ref.path] });
      }
      return out;
    }
    if (/^[A-Za-z_][\w.]*$/.test(ref.module)) {
      // Python absolute import of a project package: match by path suffix.
      const modulePath = ref.module.replace(/\./g, '/');
      for (const file of this.byPath.keys()) {
        const stem = file.replace(/(?:\/__init__)?\.pyi?$/, '');
        if (stem === modulePath || stem.endsWith(`/${modulePath}`)) out.push({ file, path: [...member, ...ref.path] });
        else if (
          member.length > 0 &&
          (stem === `${modulePath}/${member[0]}` || stem.endsWith(`/${modulePath}/${member[0]}`))
        ) {
          // `from app import config` where config is a submodule.
          out.push({ file, path: ref.path });
        }
      }
    }
    return out;
  }

  private python(base: string, member: string[], ref: ModuleRef, out: { file: string; path: string[] }[]): void {
    for (const file of [`${base}.py`, `${base}/__init__.py`]) {
      if (this.byPath.has(normalize(file))) out.push({ file: normalize(file), path: [...member, ...ref.path] });
    }
    // `from . import config`: the member is a submodule.
    if (member.length > 0) {
      const sub = normalize(`${base}/${member[0]}.py`);
      if (this.byPath.has(sub)) out.push({ file: sub, path: ref.path });
    }
  }
}

function isDjangoSettings(file: string): boolean {
  return /(?:^|\/)settings(?:\.py|\/[\w]+\.py)$/.test(file);
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function join(dir: string, rel: string): string {
  if (dir === '.' || dir === '') return rel;
  return rel === '' ? dir : `${dir}/${rel}`;
}

/** Resolves `.` and `..` segments of a root-relative path. */
function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}
