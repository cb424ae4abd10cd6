export { API_KEY_PATTERN, apiKeyPrefix, generateApiKey, sha256Hex } from './api-key-format.js';
export type { GeneratedApiKey } from './api-key-format.js';
export { apiKeyHint, toApiKeyRecord } from './api-key-record.js';
export type { ApiKeyRecord } from './api-key-record.js';
export { createApiKey, createApiKeyIn, listApiKeys, revokeApiKey } from './api-keys.js';
export type { ApiKeyOptions, CreatedApiKey } from './api-keys.js';
export { LAST_USED_RESOLUTION_MS, authenticateApiKey, authenticateBasic } from './authenticate-api-key.js';
export { viewerForUser } from './viewer-for-user.js';
