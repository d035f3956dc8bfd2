/** Where a rule's documentation page lives: the one place to change it. */
export const DOCS_BASE = 'https://github.com/twelve-factor-lint/twelve-factor/blob/main/server/src/rules';

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE}/${encodeURIComponent(ruleId)}/README.md`;
}

/** The rule whose page `url` is (a URL docsUrl made), or undefined. */
export function ruleOfDocsUrl(url: string): string | undefined {
  if (!url.startsWith(`${DOCS_BASE}/`)) return undefined;
  return /^([a-z0-9-]+)\/README\.md$/.exec(url.slice(DOCS_BASE.length + 1))?.[1];
}
