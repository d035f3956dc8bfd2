/** hardcoded-backing-service's messages by id (`meta.messages`). */
export const MESSAGES = {
  locator:
    'Backing service locator hardcoded ({{shown}}) — IV. Backing services: read it from the environment ({{envName}}) so each deploy attaches its own {{service}} without a code change.',
  'config-locator':
    'Backing service locator hardcoded ({{shown}}) in {{where}} of {{file}} — IV. Backing services: a config file ships with the code, so every deploy gets this {{service}}; read it from the environment ({{envName}}) where the app loads its settings.',
} as const;

export type MessageId = keyof typeof MESSAGES;
