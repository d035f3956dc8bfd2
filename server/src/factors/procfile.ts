/** Process types declared by Procfiles and compose files. */
import { procfileLines } from '../frontends/documents';

export interface ProcessType {
  name: string;
  command: string;
}

/** `web: gunicorn app:app` lines with a command, read as the `procfile` document kind reads them. */
export function parseProcfile(text: string): ProcessType[] {
  return procfileLines(text).flatMap(({ name, commandStart, lineEnd }) => {
    const command = text.slice(commandStart, lineEnd).trim();
    return command === '' ? [] : [{ name, command }];
  });
}

/**
 * The services of a compose file with their `image`, `command` and `build`
 * entries: read by the compose document reader (every document, anchors and
 * merge keys followed), not by lines.
 */
export { readComposeServices as parseComposeServices, type ComposeService } from '../frontends/documents';
