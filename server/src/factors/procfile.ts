/** Process types declared by Procfiles and compose files, read without a YAML library. */

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

export interface ComposeService {
  name: string;
  image?: string;
  command?: string;
  build: boolean;
}

/**
 * The services of a compose file: the keys one indentation level under a
 * top-level `services:`, with their `image`, `command` and `build` entries.
 */
export function parseComposeServices(text: string): ComposeService[] {
  const services: ComposeService[] = [];
  let inServices = false;
  let serviceIndent = -1;
  let current: ComposeService | undefined;
  for (const raw of text.split(/\r?\n/)) {
    if (/^\s*(#|$)/.test(raw)) continue;
    const indent = raw.length - raw.trimStart().length;
    const line = raw.trim();
    if (indent === 0) {
      inServices = /^services\s*:/.test(line);
      serviceIndent = -1;
      current = undefined;
      continue;
    }
    if (!inServices) continue;
    if (serviceIndent < 0) serviceIndent = indent;
    if (indent === serviceIndent) {
      const m = /^["']?([\w.-]+)["']?\s*:/.exec(line);
      current = m ? { name: m[1], build: false } : undefined;
      if (current) services.push(current);
    } else if (current && indent > serviceIndent) {
      const m = /^(image|command|build)\s*:\s*(.*)$/.exec(line);
      if (!m) continue;
      const value = m[2].replace(/^["']|["']$/g, '').trim();
      if (m[1] === 'image') current.image = value;
      else if (m[1] === 'command') current.command = value;
      else current.build = true;
    }
  }
  return services;
}
