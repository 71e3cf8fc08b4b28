// Shared helpers for the AutobahnJS scenarios. Every wait is bounded; any failure prints FAIL and exits 1, so the
// JUnit side only has to check the exit code and the RESULT line.
'use strict';

const assert = require('node:assert/strict');
const autobahn = require('autobahn');

const REALM = 'realm1';
const STEP_TIMEOUT_MS = 10000;

/** A URI component unique to this run, so scenarios never meet each other's registrations in a shared node. */
function uniq() {
   return 't' + Date.now().toString(36) + Math.floor(Math.random() * 1e6).toString(36);
}

function withTimeout(promise, ms, what) {
   let timer;
   const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
   });
   return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function sleep(ms) {
   return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Opens a connection and joins; resolves {connection, session, details, closed} where closed resolves with
 * {reason, details} from Connection.onclose. No automatic reconnection: a lost connection is a test failure.
 */
function connect(url, realm = REALM) {
   const connection = new autobahn.Connection({
      url: url,
      realm: realm,
      max_retries: 0,
      retry_if_unreachable: false,
   });
   let resolveClosed;
   const closed = new Promise((resolve) => { resolveClosed = resolve; });
   const joined = new Promise((resolve, reject) => {
      connection.onopen = (session, details) => resolve({connection, session, details, closed});
      connection.onclose = (reason, details) => {
         resolveClosed({reason, details});
         reject(new Error(`no session at ${url}: ${reason} ${JSON.stringify(details)}`));
         return true; // never retry
      };
   });
   connection.open();
   return withTimeout(joined, STEP_TIMEOUT_MS, `joining ${realm} at ${url}`);
}

/**
 * Leaves with GOODBYE; resolves with the router's GOODBYE reason once the connection is closed.
 *
 * The connection-level reason is not checked: AutobahnJS answers GOODBYE with a WebSocket CLOSE without a status
 * code and calls the close clean only if it receives status 1000. When its CLOSE reaches the router before the
 * router's own CLOSE 1000, the router echoes the status-less CLOSE (RFC 6455 5.5.1) and AutobahnJS reports "lost"
 * although both close frames were exchanged. The WAMP-level reason is what the router controls.
 */
async function leave(peer) {
   peer.connection.close();
   const {reason, details} = await withTimeout(peer.closed, STEP_TIMEOUT_MS, 'closing the connection');
   assert.ok(reason === 'closed' || reason === 'lost', `connection close reason ${reason} ${JSON.stringify(details)}`);
   return details.reason;
}

/** Expects the promise to fail with a WAMP error; returns the autobahn.Error. */
async function expectError(promise, uri, what) {
   let result;
   try {
      result = await withTimeout(promise, STEP_TIMEOUT_MS, what);
   } catch (e) {
      if (e instanceof autobahn.Error) {
         assert.equal(e.error, uri, `${what}: error URI`);
         return e;
      }
      throw e;
   }
   assert.fail(`${what}: expected ERROR ${uri}, got result ${JSON.stringify(result)}`);
}

/** Resolves when check() is true, polling; fails after ms. */
async function eventually(check, ms, what) {
   const deadline = Date.now() + ms;
   while (!check()) {
      if (Date.now() > deadline) {
         throw new Error(`timed out after ${ms} ms: ${what}`);
      }
      await sleep(10);
   }
}

/** Runs a scenario with the command line arguments; prints RESULT <json> and exits 0, or FAIL and exits 1. */
function main(scenario, overallTimeoutMs = 60000) {
   const watchdog = setTimeout(() => {
      console.log(`FAIL: the scenario did not finish within ${overallTimeoutMs} ms`);
      process.exit(1);
   }, overallTimeoutMs);
   scenario(process.argv.slice(2)).then(
      (result) => {
         clearTimeout(watchdog);
         console.log('RESULT ' + JSON.stringify(result));
         process.exit(0);
      },
      (error) => {
         clearTimeout(watchdog);
         console.log('FAIL: ' + (error && error.stack ? error.stack : JSON.stringify(error)));
         process.exit(1);
      });
}

module.exports = {autobahn, assert, REALM, STEP_TIMEOUT_MS, uniq, withTimeout, sleep, connect, leave, expectError,
   eventually, main};
