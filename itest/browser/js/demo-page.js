// Opens the demo page in Debian's headless Chromium and checks what a user would see: a time from
// com.timeservice.now and a tick counter from com.myapp.topic1 that advances.
//
//   node demo-page.js <page url> <screenshot file on failure> [timeout ms]
//
// Prints one line "RESULT {json}" and exits 0 on success; on failure prints "FAIL <why>", saves a screenshot and
// exits 1. Every wait is bounded; the browser is closed on every path.
'use strict';

const { chromium } = require('playwright-core');

const [pageUrl, screenshotFile, timeoutArg] = process.argv.slice(2);
const TIMEOUT_MS = Number(timeoutArg || 20000);
const ISO_UTC_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

// Flags this machine needs (see the environment notes): without the background-networking ones Chromium keeps
// trying to reach Google's hosts through a closed network. Playwright adds --headless, --no-sandbox (no Chromium
// sandbox: chromiumSandbox is false) and a fresh temporary profile of its own.
const CHROMIUM_ARGS = ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

async function main() {
  if (!pageUrl || !screenshotFile) {
    throw new Error('usage: node demo-page.js <page url> <screenshot file> [timeout ms]');
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
    page = await browser.newPage();
    page.setDefaultTimeout(TIMEOUT_MS);
    page.on('pageerror', error => problems.push('page error: ' + error.message));
    page.on('console', message => {
      if (message.type() === 'error') {
        problems.push('console error: ' + message.text());
      }
    });
    page.on('requestfailed', request => problems.push('request failed: ' + request.url() + ' '
        + (request.failure() ? request.failure().errorText : '')));

    const response = await page.goto(pageUrl, { waitUntil: 'load' });
    if (!response || response.status() !== 200) {
      throw new Error('GET ' + pageUrl + ' answered ' + (response ? response.status() : 'nothing'));
    }

    await page.waitForSelector('#status[data-state="open"]');
    const time = await waitForText(page, '#time', text => ISO_UTC_SECONDS.test(text), 'an ISO 8601 UTC time');
    const skew = Math.abs(Date.parse(time) - Date.now());
    if (skew > 10000) {
      throw new Error('the page shows ' + time + ', ' + skew + ' ms away from now');
    }

    const first = Number(await waitForText(page, '#tick', text => /^\d+$/.test(text), 'a tick counter'));
    const second = Number(await waitForText(page, '#tick', text => /^\d+$/.test(text) && Number(text) > first,
        'the tick counter to advance beyond ' + first));
    const laterTime = await waitForText(page, '#time', text => ISO_UTC_SECONDS.test(text) && text > time,
        'the time to be refreshed beyond ' + time);

    if (problems.length > 0) {
      throw new Error(problems.join('; '));
    }
    console.log('RESULT ' + JSON.stringify({
      status: await page.textContent('#status'),
      time: time,
      laterTime: laterTime,
      ticks: [first, second],
      title: await page.title()
    }));
  } catch (error) {
    if (page) {
      await page.screenshot({ path: screenshotFile, fullPage: true, timeout: 5000 }).catch(e =>
          problems.push('no screenshot: ' + e.message));
      const status = await page.textContent('#status', { timeout: 1000 }).catch(() => '?');
      problems.push('status on the page: ' + status);
    }
    throw new Error(error.message + (problems.length ? ' [' + problems.join('; ') + ']' : ''));
  } finally {
    await browser.close();
  }
}

/** Waits until the element's text satisfies the test; returns the text. */
async function waitForText(page, selector, test, what) {
  const deadline = Date.now() + TIMEOUT_MS;
  let text = null;
  while (Date.now() < deadline) {
    text = ((await page.textContent(selector)) || '').trim();
    if (test(text)) {
      return text;
    }
    await page.waitForTimeout(100);
  }
  throw new Error('waited ' + TIMEOUT_MS + ' ms for ' + what + ' in ' + selector + ', last seen: "' + text + '"');
}

main().then(() => process.exit(0), error => {
  console.log('FAIL ' + String(error && error.message || error).replace(/\u001b\[\d+m/g, '').replace(/\n/g, ' '));
  process.exit(1);
});
