// The Node snippet of docs/clients.md, run as written against a mock: the docs show exactly
// snippets/clients.js (checked here), so the snippet cannot drift from what CI runs.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert');
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const readline = require('node:readline');

const ROOT = path.join(__dirname, '..', '..');
const BIN = process.env.ALICLOUD_MOCK_BIN || path.join(ROOT, 'target', 'release', 'alicloud-mock');
const SNIPPET = path.join(__dirname, 'snippets', 'clients.js');

test('docs/clients.md shows the Node snippet CI runs', () => {
  const docs = fs.readFileSync(path.join(ROOT, 'docs', 'clients.md'), 'utf8');
  const block = /\*\*Node\*\*[\s\S]*?```js\n([\s\S]*?)```/.exec(docs);
  assert.ok(block, 'a js block after **Node** in docs/clients.md');
  assert.strictEqual(block[1], fs.readFileSync(SNIPPET, 'utf8'));
});

test('the Node snippet runs against the mock', async () => {
  const mock = spawn(BIN, ['serve', '--listen', '127.0.0.1:0'], {
    stdio: ['ignore', 'pipe', 'ignore'],
    env: { ...process.env, RUST_LOG: 'warn' },
  });
  try {
    const endpoint = await new Promise((resolve, reject) => {
      readline.createInterface({ input: mock.stdout }).once('line', (line) => {
        const m = /listening on http:\/\/(\S+)/.exec(line);
        return m ? resolve(m[1]) : reject(new Error(line));
      });
    });
    const out = execFileSync('node', [SNIPPET], {
      cwd: __dirname,
      env: { ...process.env, ALICLOUD_MOCK_ENDPOINT: endpoint },
      encoding: 'utf8',
    });
    assert.match(out, /cn-hangzhou/);
    assert.match(out, /m-bp1plain00000000001/);
  } finally {
    mock.kill();
  }
});
