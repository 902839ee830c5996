// The dashboard in a real browser (Debian's chromium driven by playwright-core): a share
// made through a real SDK (@alicloud/pop-core) turns the matrix cell into "named-account
// share", the request appears in the live tail, and one click explains the cell and shows
// the request whole. A screenshot is written to tests/node/artifacts/ (docs/dashboard.md).
'use strict';

const { test, after } = require('node:test');
const assert = require('node:assert');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const readline = require('node:readline');
const RPCClient = require('@alicloud/pop-core');
const { chromium } = require('playwright-core');

const BIN = process.env.ALICLOUD_MOCK_BIN
  || path.join(__dirname, '..', '..', 'target', 'release', 'alicloud-mock');
const BROWSER = process.env.CHROMIUM || '/usr/bin/chromium';
const TOKEN = 'dashboard-secret';
const OWNER = ['LTAI5tOwner0000000001', 'owner-secret'];
const MEMBER_ID = '1000000000000002';
const IMAGE = 'm-bp1plain00000000001';
const ARTIFACTS = path.join(__dirname, 'artifacts');

const mock = spawn(BIN, ['serve', '--listen', '127.0.0.1:0', '--admin-token', TOKEN], {
  stdio: ['ignore', 'pipe', 'inherit'],
  env: { ...process.env, RUST_LOG: 'warn' },
});
let browser;
after(async () => {
  if (browser) await browser.close();
  mock.kill();
});
const ready = new Promise((resolve, reject) => {
  readline.createInterface({ input: mock.stdout }).once('line', (line) => {
    const m = /listening on (http:\/\/\S+)/.exec(line);
    return m ? resolve(m[1]) : reject(new Error(`no readiness line: ${line}`));
  });
  mock.once('exit', (code) => reject(new Error(`the mock exited with ${code}`)));
});

test('the page needs the admin token', async () => {
  const url = await ready;
  assert.strictEqual((await fetch(`${url}/_mock/ui`)).status, 401);
  const page = await fetch(`${url}/_mock/ui?token=${TOKEN}`);
  assert.strictEqual(page.status, 200);
  assert.match(await page.text(), /<title>alicloud-mock<\/title>/);
});

test('a share made through the SDK shows in the matrix and in the live tail', async () => {
  const url = await ready;
  browser = await chromium.launch({
    executablePath: BROWSER,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${url}/_mock/ui?token=${TOKEN}`);
  const cell = page.locator(`td.c[data-account="${MEMBER_ID}"][data-image="${IMAGE}"]`);
  await cell.waitFor();
  assert.notStrictEqual(await cell.getAttribute('data-access'), 'named-share');

  const owner = new RPCClient({
    accessKeyId: OWNER[0],
    accessKeySecret: OWNER[1],
    endpoint: url,
    apiVersion: '2014-05-26',
  });
  await owner.request('ModifyImageSharePermission', {
    RegionId: 'cn-hangzhou', ImageId: IMAGE, AddAccount: [MEMBER_ID],
  }, { method: 'POST' });

  // The page refreshes by itself when a request arrives.
  await page.waitForFunction(([acc, img]) => {
    const td = document.querySelector(`td.c[data-account="${acc}"][data-image="${img}"]`);
    return td && td.dataset.access === 'named-share';
  }, [MEMBER_ID, IMAGE], { timeout: 10000 });
  assert.match(await cell.getAttribute('title'), /named-account share/);
  await cell.click();
  await page.waitForFunction(() => /named-account share/.test(document.getElementById('why').textContent));
  assert.match(await page.locator('#why').textContent(), /ModifyImageSharePermission/);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-visibility.png') });

  await page.click('nav button[data-tab="req"]');
  const row = page.locator('tr.req', { hasText: 'ModifyImageSharePermission' });
  await row.first().waitFor({ timeout: 10000 });
  await row.first().click();
  await page.waitForFunction(() => /"response"/.test(document.getElementById('detail').textContent));
  const detail = JSON.parse(await page.locator('#detail').textContent());
  assert.strictEqual(detail.action, 'ModifyImageSharePermission');
  assert.strictEqual(detail.response.status, 200);
  assert.ok(detail.response.body.RequestId);
  assert.strictEqual(detail.request.method, 'POST');
  await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-requests.png') });

  await page.click('nav button[data-tab="org"]');
  await page.locator('#tree li').first().waitFor();
  await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-organisation.png') });
  assert.deepStrictEqual(errors, []);
});
