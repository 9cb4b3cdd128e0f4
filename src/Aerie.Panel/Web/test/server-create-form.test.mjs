import assert from 'node:assert/strict';
import { test } from 'node:test';
import { environmentOf, fieldErrors, imageChoices, serverBody, variableFields } from '../src/pages/server-create-form.js';

test('a 422 of spec 04 §1.5 maps each source_field to its first detail; other answers map to nothing', () => {
  const body = { errors: [
    { code: 'ValidationException', status: '422', detail: 'The max players field must be an integer.', meta: { source_field: 'environment.MAX_PLAYERS', rule: 'integer' } },
    { code: 'ValidationException', status: '422', detail: 'second error for the same field', meta: { source_field: 'environment.MAX_PLAYERS', rule: 'between' } },
    { code: 'ValidationException', status: '422', detail: 'The docker image field format is invalid.', meta: { source_field: 'docker_image', rule: 'regex' } },
  ] };
  assert.deepEqual(fieldErrors(body), {
    'environment.MAX_PLAYERS': 'The max players field must be an integer.',
    docker_image: 'The docker image field format is invalid.',
  });
  assert.deepEqual(fieldErrors({ errors: [{ code: 'DisplayException', status: '400', detail: 'x' }] }), {});
  assert.deepEqual(fieldErrors(null), {});
});

test('the egg variables become fields with the default prefilled and the rules shown', () => {
  const egg = { relationships: { variables: { object: 'list', data: [
    { object: 'egg_variable', attributes: { name: 'Max players', description: 'How many', env_variable: 'MAX_PLAYERS', default_value: '20', rules: 'required|integer' } },
    { object: 'egg_variable', attributes: { name: 'Flags', env_variable: 'FLAGS', default_value: null, rules: ['nullable', 'regex:/^a|b$/'] } },
  ] } } };
  assert.deepEqual(variableFields(egg), [
    { name: 'Max players', description: 'How many', env: 'MAX_PLAYERS', value: '20', rules: 'required|integer' },
    { name: 'Flags', description: '', env: 'FLAGS', value: '', rules: 'nullable|regex:/^a|b$/' },
  ]);
  assert.deepEqual(variableFields({}), []);
});

test('images are offered in the egg order; an egg with only docker_image offers that', () => {
  assert.deepEqual(imageChoices({ docker_images: { 'Java 21': 'img:21', 'Java 17': 'img:17' } }), [
    { label: 'Java 21', image: 'img:21' }, { label: 'Java 17', image: 'img:17' },
  ]);
  assert.deepEqual(imageChoices({ docker_images: {}, docker_image: 'img:1' }), [{ label: 'Default', image: 'img:1' }]);
});

test('the variable inputs (env:KEY) become the create body environment', () => {
  const values = { name: 'x', user: '1', egg: '2', allocation: '3', 'env:MAX_PLAYERS': '10', 'env:MOTD': '' };
  assert.deepEqual(environmentOf(values), { MAX_PLAYERS: '10', MOTD: '' });
  assert.deepEqual(serverBody(values, environmentOf(values)).environment, { MAX_PLAYERS: '10', MOTD: '' });
});
