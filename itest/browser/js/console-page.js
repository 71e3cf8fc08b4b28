// Opens the Web Console's WAMP page in Debian's headless Chromium as an operator would: logs in, finds the session
// a test client opened, kills it with the page's Kill button (accepting the confirmation) and sees it go.
//
//   node console-page.js <page url> <user> <password> <session id> <screenshot file on failure> [timeout ms]
//
// Prints "ROW {json}" when the session is listed, then one line "RESULT {json}" and exits 0 when the page said it
// killed the session and the session left the table; on failure prints "FAIL <why>", saves a screenshot and exits 1.
// Every wait is bounded; the browser is closed on every path.
'use strict';

const { chromium } = require('playwright-core');

const [pageUrl, user, password, sessionId, screenshotFile, timeoutArg] = process.argv.slice(2);
const TIMEOUT_MS = Number(timeoutArg || 15000);

// As in demo-page.js: no background traffic to Google's hosts through a closed network.
const CHROMIUM_ARGS = ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

async function main() {
  if (!pageUrl || !user || !password || !/^\d+$/.test(sessionId || '') || !screenshotFile) {
    throw new Error('usage: node console-page.js <page url> <user> <password> <session id> <screenshot file>'
        + ' [timeout ms]');
  }
  const problems = [];
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: TIMEOUT_MS
  });
  let page;
  try {
    // The Web Console asks for HTTP Basic credentials
    const context = await browser.newContext({ httpCredentials: { username: user, password: password } });
    page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT_MS);
    page.on('pageerror', error => problems.push('page error: ' + error.message));
    page.on('console', message => {
      if (message.type() === 'error') {
        problems.push('console error: ' + message.text());
      }
    });
    const dialogs = [];
    page.on('dialog', dialog => { // the page's "Kill session N?" confirmation
      dialogs.push(dialog.message());
      dialog.accept();
    });

    const response = await page.goto(pageUrl, { waitUntil: 'load' });
    if (!response || response.status() !== 200) {
      throw new Error('GET ' + pageUrl + ' answered ' + (response ? response.status() : 'nothing'));
    }

    // The table is filled by the page's script from data.json, about once a second
    const row = page.locator('#wamp-sessions tr').filter({
      has: page.locator('td:first-child', { hasText: new RegExp('^' + sessionId + '$') })
    });
    await row.waitFor({ state: 'visible' });
    const cells = (await row.locator('td').allTextContents()).map(text => text.trim());
    console.log('ROW ' + JSON.stringify(cells));
    const rowsBefore = await page.locator('#wamp-sessions tr').count();

    await row.locator('button.wamp-kill').click();
    await page.waitForFunction(id => {
      const status = document.getElementById('wamp-status');
      return status && status.textContent === 'killed session ' + id;
    }, sessionId);
    const killedStatus = await page.textContent('#wamp-status');

    // The next polls no longer list it
    await row.waitFor({ state: 'detached' });

    if (problems.length > 0) {
      throw new Error(problems.join('; '));
    }
    console.log('RESULT ' + JSON.stringify({
      title: await page.title(),
      row: cells,
      rowsBefore: rowsBefore,
      dialogs: dialogs,
      killedStatus: killedStatus,
      statusAfter: await page.textContent('#wamp-status')
    }));
  } catch (error) {
    if (page) {
      await page.screenshot({ path: screenshotFile, fullPage: true, timeout: 5000 }).catch(e =>
          problems.push('no screenshot: ' + e.message));
      const status = await page.textContent('#wamp-status', { timeout: 1000 }).catch(() => '?');
      problems.push('status on the page: ' + status);
    }
    throw new Error(error.message + (problems.length ? ' [' + problems.join('; ') + ']' : ''));
  } finally {
    await browser.close();
  }
}

main().then(() => process.exit(0), error => {
  console.log('FAIL ' + String(error && error.message || error).replace(/\u001b\[\d+m/g, '').replace(/\n/g, ' '));
  process.exit(1);
});
