// Shared helpers for the AutobahnJS scenarios. Every wait is bounded; any failure prints FAIL and exits 1, so the
// JUnit side only has to check the exit code and the RESULT line.
'use strict';

const assert = require('node:assert/strict');
const http = require('node:http');
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
 * An http.Agent that remembers the TCP (or Unix) socket of the WebSocket it opens, so that a test can reset the
 * connection like a failing machine or network would: no WAMP GOODBYE, no WebSocket close frame.
 */
class TrackingAgent extends http.Agent {
   createConnection(options, callback) {
      const socket = super.createConnection(options, callback);
      this.socket = socket;
      return socket;
   }
}

/**
 * Records what a joined session receives ({@code peer.wire}, raw WAMP messages as arrays) and sends
 * ({@code peer.sent}); installed right after WELCOME, so it sees everything from the first message after it.
 */
function tap(peer) {
   const session = peer.session;
   const transport = session._socket;
   const receive = transport.onmessage;
   peer.wire = [];
   peer.sent = [];
   transport.onmessage = (msg) => {
      peer.wire.push(msg);
      receive(msg);
   };
   const send = session._send_wamp;
   session._send_wamp = (msg) => {
      peer.sent.push(msg);
      send(msg);
   };
   return peer;
}

/**
 * Opens a connection and joins; resolves {connection, session, details, closed, wire, sent, drop()} where closed
 * resolves with {reason, details} from Connection.onclose. No automatic reconnection: a lost connection is a test
 * failure. options: AutobahnJS Connection options (authid, authmethods, authextra, onchallenge, ...) and the
 * transport's serializers.
 */
function connect(url, realm = REALM, options = {}) {
   const agent = new TrackingAgent();
   const {serializers, ...rest} = options;
   const transport = {type: 'websocket', url: url, agent: agent};
   if (serializers) {
      transport.serializers = serializers;
   }
   const connection = new autobahn.Connection(Object.assign({
      transports: [transport],
      realm: realm,
      max_retries: 0,
      retry_if_unreachable: false,
   }, rest));
   let resolveClosed;
   const closed = new Promise((resolve) => { resolveClosed = resolve; });
   const joined = new Promise((resolve, reject) => {
      connection.onopen = (session, details) => resolve(tap({connection, session, details, closed,
         drop: () => agent.socket.resetAndDestroy()}));
      connection.onclose = (reason, details) => {
         resolveClosed({reason, details});
         const error = new Error(`no session at ${url}: ${reason} ${JSON.stringify(details)}`);
         error.close = {reason, details};
         reject(error);
         return true; // never retry
      };
   });
   connection.open();
   return withTimeout(joined, STEP_TIMEOUT_MS, `joining ${realm} at ${url}`);
}

/**
 * Connects and expects the router to refuse the session (ABORT); resolves {reason, message} of the ABORT
 * (AutobahnJS reports it as Connection.onclose(reason 'closed', details {reason, message})).
 */
async function expectAbort(url, realm = REALM, options = {}) {
   let peer;
   try {
      peer = await connect(url, realm, options);
   } catch (e) {
      if (!e.close) {
         throw e;
      }
      return {close: e.close.reason, reason: e.close.details.reason, message: e.close.details.message};
   }
   await leave(peer);
   assert.fail(`expected ABORT from ${url} realm ${realm}, but the session was established: ${
      JSON.stringify(peer.details)}`);
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

/** The raw messages of type {@code type} about request {@code request} that {@code peer} received. */
function wireFor(peer, request, ...types) {
   return peer.wire.filter((m) => types.includes(m[0]) && (m[0] === MSG.ERROR ? m[2] : m[1]) === request);
}

/** The request id of the last message of {@code type} that {@code peer} sent (e.g. the CALL just made). */
function lastSent(peer, type) {
   const sent = peer.sent.filter((m) => m[0] === type);
   assert.ok(sent.length > 0, `no message of type ${type} was sent`);
   return sent[sent.length - 1][1];
}

/** WAMP message type codes (basic/messages, advanced/messages). */
const MSG = {HELLO: 1, WELCOME: 2, ABORT: 3, CHALLENGE: 4, AUTHENTICATE: 5, GOODBYE: 6, ERROR: 8, PUBLISH: 16,
   PUBLISHED: 17, SUBSCRIBE: 32, SUBSCRIBED: 33, EVENT: 36, CALL: 48, CANCEL: 49, RESULT: 50, REGISTER: 64,
   REGISTERED: 65, INVOCATION: 68, INTERRUPT: 69, YIELD: 70};

module.exports = {autobahn, assert, REALM, STEP_TIMEOUT_MS, MSG, uniq, withTimeout, sleep, connect, expectAbort, leave,
   expectError, eventually, wireFor, lastSent, main};
