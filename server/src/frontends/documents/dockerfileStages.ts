/**
 * What the compliance checks read of a Dockerfile: the runtime stage's base
 * image and the command the container runs (ENTRYPOINT + CMD, exec or shell
 * form), parsed by dockerfile-ast as the `dockerfile` document kind is
 * (frontends/documents/dockerfile.ts): continuation lines, comments, the
 * escape directive and `FROM --platform=…` are the parser's business.
 */
import { DockerfileParser, From, JSONInstruction, type Instruction } from 'dockerfile-ast';

export interface DockerfileInfo {
  /** Base image of the last stage (`tiangolo/uvicorn-gunicorn-fastapi:python3.11`). */
  image?: string;
  /** ENTRYPOINT and CMD of the last stage joined as one command line; undefined when neither is set. */
  command?: string;
}

export function readDockerfileStages(text: string): DockerfileInfo {
  let image: string | undefined;
  let entrypoint: string | undefined;
  let cmd: string | undefined;
  for (const instruction of DockerfileParser.parse(text).getInstructions()) {
    const keyword = instruction.getKeyword().toUpperCase();
    if (keyword === 'FROM') {
      image = (instruction instanceof From ? instruction.getImage() : null) ?? undefined;
      // A new stage starts with nothing inherited from the previous stage's commands.
      entrypoint = undefined;
      cmd = undefined;
    } else if (keyword === 'ENTRYPOINT') entrypoint = commandLine(instruction);
    else if (keyword === 'CMD') cmd = commandLine(instruction);
  }
  const command = [entrypoint, cmd].filter((c): c is string => !!c).join(' ');
  return { image, command: command === '' ? undefined : command };
}

/** `["gunicorn", "-b", ":8000"]` → `gunicorn -b :8000`; the shell form's words as written, one blank apart. */
function commandLine(instruction: Instruction): string | undefined {
  const json = instruction instanceof JSONInstruction ? instruction.getJSONStrings() : [];
  const words =
    json.length > 0 ? json.map((j) => j.getJSONValue()) : instruction.getArguments().map((a) => a.getValue());
  return words.length > 0 ? words.join(' ') : undefined;
}
