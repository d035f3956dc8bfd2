/**
 * What the compliance checks read of a Dockerfile without a parser library:
 * the runtime stage's base image and the command the container runs
 * (ENTRYPOINT + CMD, exec or shell form). Line continuations and comments
 * are handled; anything else is left to the `dockerfile` document kind.
 */

export interface DockerfileInfo {
  /** Base image of the last stage (`tiangolo/uvicorn-gunicorn-fastapi:python3.11`). */
  image?: string;
  /** ENTRYPOINT and CMD of the last stage joined as one command line; undefined when neither is set. */
  command?: string;
}

export function readDockerfile(text: string): DockerfileInfo {
  let image: string | undefined;
  let entrypoint: string | undefined;
  let cmd: string | undefined;
  for (const instruction of instructions(text)) {
    const m = /^(\w+)\s+([\s\S]*)$/.exec(instruction);
    if (!m) continue;
    const keyword = m[1].toUpperCase();
    const args = m[2].trim();
    if (keyword === 'FROM') {
      image = args.split(/\s+/).find((w) => !w.startsWith('--'));
      // A new stage starts with nothing inherited from the previous stage's commands.
      entrypoint = undefined;
      cmd = undefined;
    } else if (keyword === 'ENTRYPOINT') entrypoint = commandLine(args);
    else if (keyword === 'CMD') cmd = commandLine(args);
  }
  const command = [entrypoint, cmd].filter((c): c is string => !!c).join(' ');
  return { image, command: command === '' ? undefined : command };
}

/** Logical instructions: continuation lines joined, comments and blank lines dropped. */
function instructions(text: string): string[] {
  const out: string[] = [];
  let current = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (current === '' && (line === '' || line.startsWith('#'))) continue;
    if (line.startsWith('#')) continue;
    if (line.endsWith('\\')) {
      current += `${line.slice(0, -1).trimEnd()} `;
      continue;
    }
    out.push(current + line);
    current = '';
  }
  if (current !== '') out.push(current);
  return out;
}

/** `["gunicorn", "-b", ":8000"]` → `gunicorn -b :8000`; shell form as written. */
function commandLine(args: string): string {
  if (args.startsWith('[')) {
    try {
      const parts = JSON.parse(args) as unknown;
      if (Array.isArray(parts) && parts.every((p) => typeof p === 'string')) return parts.join(' ');
    } catch {
      // Not valid JSON: Docker runs it in a shell, as written.
    }
  }
  return args;
}
