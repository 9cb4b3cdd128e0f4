import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchRoute } from '../src/router.js';
import { fieldErrors, shownValue, startupOf } from '../src/startup-api.js';

test('the Startup page has its route', () => {
  assert.deepEqual(matchRoute('/server/1a2b3c4d/startup'), { page: 'startup', params: { id: '1a2b3c4d' }, public: undefined, admin: undefined });
  assert.equal(matchRoute('/server/1a2b3c4d/startup/x').page, 'not-found');
});

test('startupOf reads the variables, both commands and the images in their order', () => {
  const body = {
    object: 'list',
    data: [{ object: 'egg_variable', attributes: { env_variable: 'JAR', server_value: null, default_value: 'server.jar', is_editable: true } }],
    meta: { startup_command: 'java -jar server.jar', raw_startup_command: 'java -jar {{JAR}}', docker_images: { 'Java 21': 'java:21', 'Java 17': 'java:17' } },
  };
  const s = startupOf(body);
  assert.equal(s.variables.length, 1);
  assert.equal(s.variables[0].env_variable, 'JAR');
  assert.equal(s.command, 'java -jar server.jar');
  assert.equal(s.rawCommand, 'java -jar {{JAR}}');
  assert.deepEqual(s.images, [{ label: 'Java 21', image: 'java:21' }, { label: 'Java 17', image: 'java:17' }]);
});

test('startupOf copes with a body missing parts', () => {
  assert.deepEqual(startupOf(null), { variables: [], command: '', rawCommand: '', images: [] });
  assert.deepEqual(startupOf({ data: 'x', meta: { docker_images: [] } }).images, []);
});

test('fieldErrors keeps the messages of one field only', () => {
  const body = {
    errors: [
      { code: 'ValidationException', status: '422', detail: 'The Jar field must not be greater than 20 characters.', meta: { source_field: 'value', rule: 'max' } },
      { code: 'ValidationException', status: '422', detail: 'The key field is required.', meta: { source_field: 'key', rule: 'required' } },
      { code: 'ValidationException', status: '422', detail: 'The Jar field format is invalid.', meta: { source_field: 'value', rule: 'regex' } },
    ],
  };
  assert.deepEqual(fieldErrors(body, 'value'), ['The Jar field must not be greater than 20 characters.', 'The Jar field format is invalid.']);
  assert.deepEqual(fieldErrors(body, 'other'), []);
  assert.deepEqual(fieldErrors(null, 'value'), []);
});

test('shownValue is the server value, an empty one included, else the default', () => {
  assert.equal(shownValue({ server_value: 'paper.jar', default_value: 'server.jar' }), 'paper.jar');
  assert.equal(shownValue({ server_value: '', default_value: 'server.jar' }), '');
  assert.equal(shownValue({ server_value: null, default_value: 'server.jar' }), 'server.jar');
  assert.equal(shownValue({}), '');
});
