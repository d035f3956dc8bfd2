/** Where a rule's documentation page lives: the one place to change it. */
export const DOCS_BASE = 'https://github.com/twelve-factor-lint/twelve-factor/blob/main/server/src/rules';

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE}/${encodeURIComponent(ruleId)}/README.md`;
}
