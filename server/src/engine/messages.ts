import type { Detection, RuleMeta } from '../ir/types';

/** `{{name}}`: a placeholder of a rule's message template. */
const PLACEHOLDER = /\{\{(\w+)\}\}/g;

/** The placeholder names a template uses, in order of first use. */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/**
 * A detection's message: its rule's template for `messageId` with the
 * placeholders filled from `params`. Throws on an unknown id, a missing
 * param or one the template does not use: a detector bug, which the engine
 * reports as the rule failing on the file rather than printing a broken line.
 */
export function formatMessage(meta: RuleMeta, detection: Pick<Detection, 'messageId' | 'params'>): string {
  const template = Object.hasOwn(meta.messages, detection.messageId) ? meta.messages[detection.messageId] : undefined;
  if (template === undefined) throw new Error(`${meta.id}: no message "${detection.messageId}"`);
  const params = detection.params ?? {};
  const used = placeholders(template);
  const extra = Object.keys(params).filter((k) => !used.includes(k));
  if (extra.length > 0) throw new Error(`${meta.id}/${detection.messageId}: unused params ${extra.join(', ')}`);
  return template.replace(PLACEHOLDER, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${meta.id}/${detection.messageId}: no value for {{${name}}}`);
    return String(value);
  });
}
