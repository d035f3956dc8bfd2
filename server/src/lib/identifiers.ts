/**
 * The words of an identifier, key or header name: split at camelCase
 * (`stripeApiKey`), at the end of an acronym (`APIKey`), and at anything
 * that is not an ASCII letter or digit (`api-key`, `DB_HOST`, `a.b`). The one
 * splitter the rules, the fixes and the env-name derivation share.
 */

/** `stripeApiKey`, `APIKey`, `api-key`, `DB_HOST` → `[stripe, api, key]`, `[api, key]`, `[api, key]`, `[db, host]`. */
export function identifierWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z])(?=[A-Z][a-z])/g, '$1 ')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** `stripeApiKey` → `STRIPE_API_KEY`: the identifier spelled as an environment variable name. */
export function snakeUpper(name: string): string {
  return identifierWords(name).join('_').toUpperCase();
}
