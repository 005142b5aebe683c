import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CONFIG_MODEL_VERSION } from 'serverless-api-gateway-runtime/config';
test('shared-runtime resolves through the sag-source condition', () => {
  assert.equal(CONFIG_MODEL_VERSION, 1);
});
