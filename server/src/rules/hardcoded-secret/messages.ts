/**
 * hardcoded-secret's messages by id (`meta.messages`). `{{shown}}` is the
 * masked value (`"sk_l…"`), never the value; in documents `{{what}}` is the
 * masked description, `secret (Stripe secret key "sk_l…")` or `weak secret
 * as POSTGRES_PASSWORD ("post…")`.
 */
const COMPOSE = `Hardcoded {{what}} in {{where}} — III. Config: reference a variable instead ({{name}}: \${{{name}}}) and keep the value in an untracked .env or the platform's secrets.`;

const MANIFEST =
  'a manifest committed with its values publishes them, so rotate it; create the Secret outside the repository (kubectl create secret, Sealed Secrets, External Secrets) instead.';

export const MESSAGES = {
  secret: 'Hardcoded secret ({{label}} {{shown}}) — III. Config: read it from the environment ({{envName}}) instead.',
  'weak-secret':
    'Hardcoded weak secret {{weakAt}} ({{shown}}) — III. Config: a guessable secret in the code protects nothing; read a random one from the environment ({{envName}}) instead.',
  'tracked-dotenv':
    "Hardcoded {{what}} in {{file}}, which git tracks — III. Config: the value is in the repository's history, so rotate it; then stop tracking the file (git rm --cached {{file}}) and keep {{file}} in .gitignore.",
  'dockerfile-arg':
    'Hardcoded {{what}} as the default of ARG {{arg}} — III. Config: build arguments are recorded in the image history; pass it as a BuildKit secret (RUN --mount=type=secret,id={{name}}) instead.',
  'dockerfile-env':
    "Hardcoded {{what}} in ENV {{variable}} — III. Config: it is baked into every image built from this file; set {{name}} when the container starts (docker run -e, the platform's secrets) instead.",
  'compose-value': COMPOSE,
  'config-value':
    "Hardcoded {{what}} in {{where}} of {{file}} — III. Config: config files are committed with the code; read {{name}} from the environment (or the platform's secrets) instead.",
  'kubernetes-secret': `Hardcoded {{what}} in {{where}} of Secret {{secret}} — III. Config: ${MANIFEST}`,
  'kubernetes-secret-base64': `Hardcoded {{what}} in {{where}} of Secret {{secret}}, only base64-encoded (an encoding anyone reverses, not encryption) — III. Config: ${MANIFEST}`,
  'kubernetes-value': `Hardcoded {{what}} in {{where}} of {{object}} — III. Config: reference a Secret (valueFrom.secretKeyRef) that is created outside the repository instead of writing the value into the manifest.`,
  'compose-dev-default': `${COMPOSE} (a development default in a dev compose file: keep it out of the deployed configuration)`,
} as const;

export type MessageId = keyof typeof MESSAGES;
