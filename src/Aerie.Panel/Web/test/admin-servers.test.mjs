import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eggChoices, parseEnvironment, serverBody, serverState } from '../src/pages/admin-servers.js';

test('environment lines become an object; values keep "=" and spaces', () => {
  assert.deepEqual(parseEnvironment('DEMO_MEMORY_MB=64\r\n\nJAVA_OPTS=-Xmx1G -Da=b\nnot a pair\n=novalue'), {
    DEMO_MEMORY_MB: '64',
    JAVA_OPTS: '-Xmx1G -Da=b',
  });
  assert.deepEqual(parseEnvironment(''), {});
});

test('the create form becomes the spec 04 create body with allocation.default', () => {
  const body = serverBody({
    name: 'Survival', user: '7', egg: '3', docker_image: 'ghcr.io/x/java:21', startup: 'java -jar {{JAR}}',
    environment: 'JAR=server.jar', memory: '1024', disk: '', cpu: '150', allocation: '42',
  });
  assert.deepEqual(body, {
    name: 'Survival',
    user: 7,
    egg: 3,
    docker_image: 'ghcr.io/x/java:21',
    startup: 'java -jar {{JAR}}',
    environment: { JAR: 'server.jar' },
    limits: { memory: 1024, swap: 0, disk: 0, io: 500, cpu: 150 },
    feature_limits: { databases: 0, allocations: 1, backups: 0 },
    allocation: { default: 42 },
  });
  // No allocation chosen: the panel answers 422 on allocation.default rather than the page guessing one.
  assert.equal(serverBody({ allocation: '' }).allocation.default, undefined);
});

test('eggs are offered from the nests include, with their image and startup', () => {
  const nests = [{ name: 'Minecraft', relationships: { eggs: { object: 'list', data: [
    { object: 'egg', attributes: { id: 3, name: 'Paper', docker_image: 'img:21', startup: 'java' } },
  ] } } }, { name: 'Empty' }];
  assert.deepEqual(eggChoices(nests), [{ id: 3, label: 'Minecraft / Paper', image: 'img:21', startup: 'java' }]);
});

test('state: suspended wins, then the status, else active', () => {
  assert.equal(serverState({ suspended: true, status: 'installing' }), 'suspended');
  assert.equal(serverState({ suspended: false, status: 'installing' }), 'installing');
  assert.equal(serverState({ suspended: false, status: null }), 'active');
});
