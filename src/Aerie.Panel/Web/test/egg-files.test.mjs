import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eggContentType, exportFileName } from '../src/egg-files.js';

test('the file name decides the content type when it has a known extension', () => {
  assert.equal(eggContentType('egg-paper.json', 'meta: x'), 'application/json');
  assert.equal(eggContentType('EGG.YML', '{}'), 'application/yaml');
  assert.equal(eggContentType('egg.yaml', '{"a":1}'), 'application/yaml');
});

test('a paste or an unknown extension is sniffed: JSON starts with {', () => {
  assert.equal(eggContentType('', '  \n{"meta":{}}'), 'application/json');
  assert.equal(eggContentType('egg.txt', '_comment: x\nmeta:\n  version: PLCN_v3'), 'application/yaml');
  assert.equal(eggContentType(undefined, undefined), 'application/yaml');
});

test('export file names are slugs with the format extension', () => {
  assert.equal(exportFileName('Team Fortress 2', 'json'), 'egg-team-fortress-2.json');
  assert.equal(exportFileName('Paper', 'yaml'), 'egg-paper.yaml');
  assert.equal(exportFileName('!!!', 'yaml'), 'egg-egg.yaml');
});
