// @alicloud/pop-core (the Node RPC client) reaching the mock through a proxy with no endpoint
// trick: the client names the real host (https://ecs-cn-hangzhou.aliyuncs.com) and tunnels
// through the mock with CONNECT. pop-core has no proxy setting and reads no proxy variables;
// it takes an `agent` and a `ca` in `opts`, which it hands to Node's https module
// (docs/proxy.md).
'use strict';

const { test, after } = require('node:test');
const assert = require('node:assert');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');
const RPCClient = require('@alicloud/pop-core');
const { HttpsProxyAgent } = require('https-proxy-agent');

const BIN = process.env.ALICLOUD_MOCK_BIN
  || path.join(__dirname, '..', '..', 'target', 'release', 'alicloud-mock');
const OWNER = ['LTAI5tOwner0000000001', 'owner-secret'];
const MEMBER = ['LTAI5tMember000000001', 'member-secret'];
const MEMBER_ID = '1000000000000002';
const IMAGE = 'm-bp1plain00000000001';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alicloud-mock-node-'));
const caFile = path.join(dir, 'ca.pem');
const mock = spawn(BIN, ['serve', '--listen', '127.0.0.1:0', '--ca-out', caFile], {
  stdio: ['ignore', 'pipe', 'inherit'],
  env: { ...process.env, RUST_LOG: 'warn' },
});
after(() => mock.kill());

const ready = new Promise((resolve, reject) => {
  readline.createInterface({ input: mock.stdout }).once('line', (line) => {
    const m = /listening on (http:\/\/\S+)/.exec(line);
    return m ? resolve(m[1]) : reject(new Error(`no readiness line: ${line}`));
  });
  mock.once('exit', (code) => reject(new Error(`the mock exited with ${code}`)));
});

function client(proxy, key) {
  const ca = fs.readFileSync(caFile);
  return new RPCClient({
    accessKeyId: key[0],
    accessKeySecret: key[1],
    endpoint: 'https://ecs-cn-hangzhou.aliyuncs.com',
    apiVersion: '2014-05-26',
    opts: { agent: new HttpsProxyAgent(proxy), ca, timeout: 10000 },
  });
}

test('pop-core shares an image and the recipient sees it, through the proxy', async () => {
  const proxy = await ready;
  await client(proxy, OWNER).request('ModifyImageSharePermission', {
    RegionId: 'cn-hangzhou', ImageId: IMAGE, AddAccount: [MEMBER_ID],
  }, { method: 'POST' });
  const seen = await client(proxy, MEMBER).request('DescribeImages', {
    RegionId: 'cn-hangzhou', ImageOwnerAlias: 'others',
  });
  assert.ok(seen.Images.Image.some((i) => i.ImageId === IMAGE));
});

test('an Alibaba error arrives as pop-core reports it', async () => {
  const proxy = await ready;
  await assert.rejects(
    client(proxy, MEMBER).request('DescribeImageSharePermission', {
      RegionId: 'cn-hangzhou', ImageId: 'm-bp1nosuch0000000001',
    }),
    (err) => err.code === 'InvalidImageId.NotFound',
  );
});

test('a host other than Alibaba is refused', async () => {
  const proxy = await ready;
  const other = new RPCClient({
    accessKeyId: OWNER[0],
    accessKeySecret: OWNER[1],
    endpoint: 'https://example.com',
    apiVersion: '2014-05-26',
    opts: { agent: new HttpsProxyAgent(proxy), timeout: 10000 },
  });
  await assert.rejects(other.request('DescribeRegions', {}));
});
