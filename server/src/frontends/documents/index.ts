/** Chooses the reader for a document kind and turns the file's text into document facts. */
import type { DocumentFacts } from '../../ir/documentFacts';
import type { DocumentKind } from '../../ir/types';
import { readCompose } from './compose';
import { readDockerfile } from './dockerfile';
import { readDotenv } from './dotenv';
import { readIniConfig } from './iniConfig';
import { readJsonConfig } from './jsonConfig';
import { readProcfile } from './procfile';
import { readShell } from './shell';
import { readYamlConfig } from './yamlConfig';

export { documentKindOf } from './kinds';
export { envMappingKeys } from './envMapping';
export { procfileLines } from './procfile';
export { readComposeServices, type ComposeService } from './compose';
export { readDockerfileStages, type DockerfileInfo } from './dockerfileStages';
export { isKubernetesManifest, parseKubernetesManifest, type KubernetesProcess, type WorkloadKind } from './kubernetes';

const READERS: Record<DocumentKind, (text: string, path: string) => DocumentFacts> = {
  dockerfile: readDockerfile,
  compose: readCompose,
  dotenv: readDotenv,
  procfile: readProcfile,
  shell: readShell,
  'json-config': readJsonConfig,
  'yaml-config': readYamlConfig,
  'ini-config': readIniConfig,
};

export function extractDocument(kind: DocumentKind, text: string, path: string): DocumentFacts {
  return READERS[kind](text, path);
}
