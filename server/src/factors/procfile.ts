/** Process types declared by Procfiles and compose files. */

export interface ProcessType {
  name: string;
  command: string;
}

/** `web: gunicorn app:app` lines. */
export function parseProcfile(text: string): ProcessType[] {
  const out: ProcessType[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^([A-Za-z0-9_-]+)\s*:\s*(\S.*)$/.exec(line);
    if (m) out.push({ name: m[1], command: m[2].trim() });
  }
  return out;
}

/**
 * The services of a compose file with their `image`, `command` and `build`
 * entries: read by the compose document reader (every document, anchors and
 * merge keys followed), not by lines.
 */
export { readComposeServices as parseComposeServices, type ComposeService } from '../analysis/documents/compose';
