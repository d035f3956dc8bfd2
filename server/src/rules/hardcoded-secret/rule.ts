/**
 * hardcoded-secret (III. Config): a credential written into the code or a
 * config document. What counts as one is classify.ts; documents.ts reads
 * compose files, Dockerfiles and tracked `.env` files.
 */
import type { StringFact } from '../../ir/facts';
import type { Detection, Span } from '../../ir/types';
import { defineRule } from '../rule';
import { credentialHit, fileContext, secretHit, secretIdentity, type FileContext, type Hit } from './classify';
import { detectDocumentSecrets } from './documents';
import { MESSAGES } from './messages';
import { templateCredentials } from './templates';

export const rule = defineRule({
  meta: {
    fixes: ['move-to-env', 'stop-tracking'],
    security: { severity: '8.0' },
    pragmas: ['secret'],
    id: 'hardcoded-secret',
    factor: 'III',
    title: 'Secrets (passwords, API keys, tokens, private keys) hardcoded in source',
    defaultSeverity: 'error',
    languages: ['python', 'javascript', 'typescript'],
    documents: ['compose', 'dockerfile', 'dotenv', 'json-config', 'yaml-config', 'ini-config'],
    roles: {
      app: 'all',
      test: 'live-format',
      browser: 'all',
      vendored: 'all',
      tooling: 'live-format',
      migration: 'all',
    },
    // Any file may hold a credential; the per-string prefilters keep this cheap.
    keywords: undefined,
    messages: MESSAGES,
  },
  detect(facts) {
    const detections: Detection[] = [];
    const context = fileContext(facts);
    for (const fact of facts.strings) {
      const detection = detectString(fact, context);
      if (detection) detections.push(detection);
    }
    for (const t of templateCredentials(facts)) {
      const hit: Hit = { ...credentialHit(t.credential, t.name, []), fixes: [] };
      detections.push(report(t.expr.span, hit, t.name ?? '', context));
    }
    return detections;
  },
  detectDocument: (facts) => detectDocumentSecrets(facts),
});

function detectString(fact: StringFact, context: FileContext): Detection | undefined {
  const hit = secretHit(fact, context);
  return hit && report(fact.expr.span, hit, fact.name ?? fact.path.join('.'), context);
}

function report(span: Span, hit: Hit, binding: string, context: FileContext): Detection {
  const { key, shown } = secretIdentity(hit, binding, context.path);
  return {
    span,
    ...(hit.weakAt
      ? { messageId: 'weak-secret', params: { weakAt: hit.weakAt, shown, envName: hit.envName } }
      : { messageId: 'secret', params: { label: hit.label, shown, envName: hit.envName } }),
    key,
    data: { envName: hit.envName, fixes: hit.fixes ?? ['move-to-env'] },
    confidence: hit.live ? 'live-format' : undefined,
  };
}
