/** `import` and `from … import` statements: import facts and the names they bind. */
import { spanOf } from './expr';
import { bindModule } from './globals';
import type { PyNode as Node } from './tree';
import type { PyWalker } from './walker';

export function importStatement(w: PyWalker, node: Node): void {
  const moduleNode = node.childForFieldName('module_name');
  const from = moduleNode ? moduleNode.text : undefined;
  for (const nameNode of node.childrenForFieldName('name')) {
    if (!nameNode) continue;
    const aliased = nameNode.type === 'aliased_import';
    const dotted = aliased ? (nameNode.childForFieldName('name')?.text ?? '') : nameNode.text;
    const alias = aliased ? nameNode.childForFieldName('alias')?.text : undefined;
    let local: string;
    if (from !== undefined) {
      local = alias ?? dotted;
      w.collector.addImport({ local, module: from, imported: dotted, span: spanOf(nameNode) });
    } else {
      // `import a.b` binds `a`; `import a.b as c` binds c to a.b.
      local = alias ?? dotted.split('.')[0];
      w.collector.addImport({ local, module: alias ? dotted : local, span: spanOf(nameNode) });
    }
    if (w.scope.kind !== 'module') w.scope.locals.add(local);
    bindModule(w, local, 'import', spanOf(nameNode));
  }
}
