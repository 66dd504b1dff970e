// What an adopter would look at once the app runs: the backend's routes and, in Chromium, the
// DR Plans tab of the example entity listing its source servers.
import { connect } from 'node:net';
import { chromium } from '@playwright/test';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Waits until `url` answers 2xx; fails at once when one of `processes` has exited. */
export async function waitForUrl(url, processes, timeoutMs = 6 * 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const dead = processes.find(p => p.exitCode !== null);
    if (dead)
      throw new Error(
        `${dead.name} exited (${dead.exitCode}) before ${url} answered; log ${
          dead.log
        }:\n${dead.tail()}`,
      );
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

async function call(url, init, expectStatus) {
  const response = await fetch(url, init);
  const body = await response.text();
  if (response.status !== expectStatus)
    throw new Error(
      `${init?.method ?? 'GET'} ${url} answered ${
        response.status
      }, expected ${expectStatus}: ${body.slice(0, 500)}`,
    );
  return body ? JSON.parse(body) : undefined;
}

/** The catalog reads its locations after the backend is ready: waits for the example entity. */
async function waitForEntity(backendUrl, entity, headers, timeoutMs = 120_000) {
  const url = `${backendUrl}/api/catalog/entities/by-name/component/default/${entity}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await fetch(url, { headers })).ok) return;
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
  throw new Error(
    `${entity} did not appear in the catalog within ${
      timeoutMs / 1000
    } s (is the README's entity in examples/entities.yaml?)`,
  );
}

/** The backend's API, as the plugin installed by the READMEs serves it. */
export async function checkBackend(backendUrl, { entity, hostnames }) {
  const health = await fetch(`${backendUrl}/api/drs/health`);
  if (!health.ok)
    throw new Error(
      `GET /api/drs/health answered ${health.status}: the DRS backend plugin is not running in the new app's backend (is backend.add(import('@drs-orchestration/plugin-drs-backend')) in packages/backend/src/index.ts?)`,
    );
  const { backstageIdentity } = await call(
    `${backendUrl}/api/auth/guest/refresh`,
    { headers: { 'X-Requested-With': 'XMLHttpRequest' } },
    200,
  );
  const auth = { Authorization: `Bearer ${backstageIdentity.token}` };
  await waitForEntity(backendUrl, entity, auth);
  const base = `${backendUrl}/api/drs/entities/component/default/${entity}`;
  const servers = await call(`${base}/source-servers`, { headers: auth }, 200);
  const listed = JSON.stringify(servers);
  const missing = hostnames.filter(h => !listed.includes(h));
  if (missing.length > 0)
    throw new Error(
      `${entity}'s source servers lack ${missing.join(', ')}: ${listed.slice(
        0,
        500,
      )}`,
    );
  // The README's permission policy: a guest does not own the entity, so may not add plans
  // (the allow-all policy of a new app would let the request through to validation).
  await call(
    `${base}/plans`,
    {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'adoption', waves: [] }),
    },
    403,
  );
  const { actions } = await call(
    `${backendUrl}/api/scaffolder/v2/actions`,
    { headers: auth },
    200,
  ).then(list => ({ actions: list.map(a => a.id) }));
  const wanted = ['drs:stack:deploy', 'drs:plan:create', 'drs:drill:start'];
  const absent = wanted.filter(id => !actions.includes(id));
  if (absent.length > 0)
    throw new Error(`the scaffolder lacks the actions ${absent.join(', ')}`);
  return `health ok, ${
    hostnames.length
  } source servers, plan creation refused (403) by the README's policy, scaffolder actions ${wanted.join(
    ', ',
  )}`;
}

/** Moves the single-page app to `path` (a reload would sign the guest out). */
async function navigate(page, path) {
  await page.evaluate(to => {
    globalThis.history.pushState({}, '', to);
    globalThis.dispatchEvent(new globalThis.PopStateEvent('popstate'));
  }, path);
}

/** In Chromium: sign in as guest, open the entity's DR Plans tab, see its servers and card. */
export async function checkFrontend(
  frontendUrl,
  { entity, hostnames },
  screenshot,
) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  const errors = [];
  const page = await browser.newPage();
  try {
    page.setDefaultTimeout(90_000);
    page.on('pageerror', error => errors.push(error.message));
    await page.goto(frontendUrl);
    await page.getByRole('button', { name: 'Enter' }).click();
    await page
      .getByRole('button', { name: 'Enter' })
      .waitFor({ state: 'detached' });
    await navigate(page, `/catalog/default/component/${entity}`);
    // the DR health card's link (the tab's title is 'DR Executions')
    await page.getByText('DR executions', { exact: true }).waitFor();
    // a tab in the legacy entity page, a link in the new one
    await page.getByText('DR Plans', { exact: true }).first().click();
    for (const hostname of hostnames)
      await page.getByText(hostname, { exact: true }).first().waitFor();
    if (!page.url().endsWith('/dr-plans'))
      throw new Error(`the DR Plans tab is at ${page.url()}, not …/dr-plans`);
    await page.screenshot({ path: screenshot, fullPage: true });
    await navigate(page, '/drs');
    await page.getByText(entity).first().waitFor();
  } catch (error) {
    const failed = screenshot.replace(/\.png$/, '-failed.png');
    await page.screenshot({ path: failed, fullPage: true }).catch(() => {});
    throw new Error(
      `${frontendUrl} (screenshot ${failed}): ${error.message}${
        errors.length ? `\nuncaught in the page: ${errors.join('\n')}` : ''
      }`,
    );
  } finally {
    await browser.close();
  }
  return `DR Plans tab lists ${hostnames.join(
    ', ',
  )}; health card and /drs page shown`;
}

/** Waits until something listens on the loopback port; fails when `process` exits first. */
export async function waitForPort(port, process, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (process.exitCode !== null)
      throw new Error(
        `${process.name} exited (${
          process.exitCode
        }) before listening on ${port}; log ${process.log}:\n${process.tail()}`,
      );
    const open = await new Promise(resolve => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => resolve(socket.end() && true));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise(resolve => setTimeout(resolve, 500));
  }
  throw new Error(
    `${process.name} did not listen on ${port} within ${timeoutMs / 1000} s`,
  );
}
