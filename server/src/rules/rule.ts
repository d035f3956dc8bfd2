import type { DocumentFacts } from '../ir/documentFacts';
import type { FileFacts } from '../ir/facts';
import type { Detection, ProjectFacts, RuleMeta } from '../ir/types';

/**
 * A rule: metadata plus a detector that is a pure function of a file's facts.
 * Rules know nothing of LSP, configuration or message formatting beyond their
 * own words; severity, suppression and fingerprints are applied by the engine.
 */
export interface Rule {
  meta: RuleMeta;
  /** `project` is what the file's project declares (empty when unknown: a lone file, a test). */
  detect(facts: FileFacts, project: ProjectFacts): Detection[];
  /** The detector for the document kinds `meta.documents` lists. */
  detectDocument?(facts: DocumentFacts, project: ProjectFacts): Detection[];
}

export function defineRule(rule: Rule): Rule {
  return rule;
}
