// The PostgreSQL connector with AutobahnJS, against a node whose config.json has a "connectors" entry
// (PostgresConnectorIT sets up the database and the node):
//   node postgres.js rpc <ws-url>                  PL/pgSQL functions called with args and kwargs; SQL errors as WAMP
//                                                  errors; an INSERT trigger's event; a failed call publishes nothing
//   node postgres.js listen <ws-url>               collects the events SQL publishes (com.example.tick, .big) until
//                                                  com.example.done; prints READY once subscribed
//   node postgres.js await-procedure <ws-url> <uri> <present|absent>
//                                                  waits until a procedure is registered (and answers add(2, 3) = 5)
//                                                  or gone (no_such_procedure): the live edits of config.json
'use strict';

const crypto = require('node:crypto');
const {autobahn, assert, withTimeout, sleep, connect, leave, expectError, eventually, main} =
   require('./lib/harness');

const API = 'com.example.api.';

/** Resolves once the connector has registered the procedure (it joins and reads the catalog after the start). */
async function awaitRegistered(session, procedure, ms) {
   const deadline = Date.now() + ms;
   while (true) {
      const id = await withTimeout(session.call('wamp.registration.lookup', [procedure]), 10000, 'lookup');
      if (id !== null && id !== undefined) {
         return id;
      }
      if (Date.now() > deadline) {
         throw new Error(`${procedure} was not registered within ${ms} ms`);
      }
      await sleep(100);
   }
}

async function rpc(url) {
   const peer = await connect(url);
   const session = peer.session;
   const addRegistration = await awaitRegistered(session, API + 'add', 30000);

   // The connector's session joined with the authrole config.json gives it
   const callees = await session.call('wamp.registration.list_callees', [addRegistration]);
   assert.equal(callees.length, 1, 'one connector session registered api.add');
   const callee = await session.call('wamp.session.get', [callees[0]]);
   assert.equal(callee.authrole, 'db', `the connector's authrole: ${JSON.stringify(callee)}`);

   // ---- args and kwargs ----
   const call = (name, args, kwargs) => withTimeout(session.call(API + name, args, kwargs), 10000, `call ${name}`);
   assert.equal(await call('add', [2, 3]), 5, 'positional args');
   assert.equal(await call('add', [], {a: 20, b: 22}), 42, 'kwargs by parameter name');
   assert.equal(await call('add', [1], {b: 41}), 42, 'args and kwargs together');
   const greeting = await call('greet', ['Ada'], {times: 2});
   assert.deepEqual(greeting, {message: 'hello Ada, hello Ada', length: 20},
      'OUT parameters as a dict, a default in the middle skipped by name');
   assert.deepEqual(await call('greet', ['Bob', 'hi']), {message: 'hi Bob', length: 6}, 'defaults honoured');
   const tagged = await call('tag', [{name: 'x', tags: ['a', 'b']}, ['c', 'd'], '2024-05-01T12:00:00Z']);
   assert.deepEqual(tagged, {doc: {name: 'x', tags: ['a', 'b']}, extra: ['c', 'd'], tag_count: 4,
      epoch: 1714564800}, 'jsonb, text[] and timestamptz parameters');
   const orders = await call('orders_between', [], {low: 1, high: 2});
   assert.ok(Array.isArray(orders), `TABLE result as a list: ${JSON.stringify(orders)}`);

   // ---- SQL errors as WAMP errors ----
   const notFound = await expectError(call('find_order', [999]), 'com.example.error.not_found',
      'a HINT that is a URI names the error');
   assert.equal(notFound.kwargs.sqlstate, 'P0001', 'RAISE EXCEPTION without ERRCODE');
   assert.deepEqual(notFound.args, ['no order 999']);
   assert.equal(notFound.kwargs.message, 'no order 999');

   const invalid = await expectError(call('add', ['two', 3]), 'wamp.error.invalid_argument',
      'an argument PostgreSQL cannot read as integer');
   assert.equal(invalid.kwargs.sqlstate, '22P02', `invalid_text_representation: ${JSON.stringify(invalid.kwargs)}`);

   const integrity = await expectError(call('place_order', ['widget', 0]), 'switchboard.db.integrity_violation',
      'a CHECK constraint');
   assert.equal(integrity.kwargs.sqlstate, '23514');
   assert.equal(integrity.kwargs.constraint, 'orders_qty_check');
   assert.equal(integrity.kwargs.table, 'orders');

   const before = await call('order_count');

   // ---- an INSERT trigger publishes; a failed (rolled back) call publishes nothing ----
   const created = [];
   await session.subscribe('com.example.order.created', (args, kwargs) => created.push({args, kwargs}));
   const gone = await expectError(call('place_order_then_fail', ['doomed', 1]), 'com.example.error.gone',
      'ERRCODE P0410, mapped by config.json errors');
   assert.equal(gone.kwargs.sqlstate, 'P0410');
   assert.equal(gone.kwargs.detail, 'the order was inserted, then the call failed');

   const id = await call('place_order', ['widget', 3], {note: 'from AutobahnJS'});
   assert.ok(Number.isInteger(id) && id > 0, `place_order returns the id: ${id}`);
   await eventually(() => created.length >= 1, 10000, 'the INSERT trigger\'s event');
   await sleep(300);
   assert.equal(created.length, 1, `exactly one event, none from the rolled-back call: ${JSON.stringify(created)}`);
   const [event] = created;
   assert.equal(event.args[0].id, id);
   assert.equal(event.args[0].item, 'widget');
   assert.equal(event.args[0].qty, 3);
   assert.equal(event.args[0].note, 'from AutobahnJS');
   assert.equal(event.kwargs.qty, 3);
   assert.ok(Number.isInteger(event.kwargs._event_id), `the outbox event id: ${JSON.stringify(event.kwargs)}`);
   assert.equal(await call('order_count'), before + 1, 'the failed call\'s INSERT was rolled back');

   await leave(peer);
   return {orderId: id, eventId: event.kwargs._event_id};
}

async function listen(url) {
   const peer = await connect(url);
   const received = [];
   let done = null;
   await peer.session.subscribe('com.example.tick', (args, kwargs) => received.push(
      {topic: 'tick', n: args[0], eventId: kwargs._event_id}));
   await peer.session.subscribe('com.example.big', (args, kwargs) => received.push({topic: 'big',
      length: args[0].length, sha256: crypto.createHash('sha256').update(args[0], 'utf8').digest('hex'),
      eventId: kwargs._event_id, note: kwargs.note}));
   await peer.session.subscribe('com.example.done', (args, kwargs) => {
      done = kwargs._event_id;
   });
   console.log('READY');
   await eventually(() => done !== null, 80000, 'com.example.done');
   await leave(peer);
   return {received, done};
}

async function awaitProcedure(url, procedure, state) {
   assert.ok(state === 'present' || state === 'absent', 'usage: await-procedure <url> <uri> <present|absent>');
   const peer = await connect(url);
   const deadline = Date.now() + 30000;
   let last;
   while (true) {
      try {
         last = await withTimeout(peer.session.call(procedure, [2, 3]), 10000, `call ${procedure}`);
         if (state === 'present') {
            assert.equal(last, 5, `${procedure}(2, 3)`);
            break;
         }
      } catch (e) {
         // canceled: the connector's session went away while it answered (it restarts once while the edit is being
         // applied); ask again like while the procedure is not there yet.
         const transient = e instanceof autobahn.Error
            && (e.error === 'wamp.error.no_such_procedure' || (state === 'present' && e.error === 'wamp.error.canceled'));
         if (!transient) {
            throw e;
         }
         last = e.error;
         if (state === 'absent' && e.error === 'wamp.error.no_such_procedure') {
            break;
         }
      }
      if (Date.now() > deadline) {
         throw new Error(`${procedure} not ${state} within 30 s (last: ${JSON.stringify(last)})`);
      }
      await sleep(100);
   }
   await leave(peer);
   return {procedure, state};
}

main(async ([scenario, url, ...rest]) => {
   assert.ok(url, 'usage: node postgres.js <rpc|listen|await-procedure> <ws-url> ...');
   switch (scenario) {
      case 'rpc':
         return rpc(url);
      case 'listen':
         return listen(url);
      case 'await-procedure':
         return awaitProcedure(url, ...rest);
      default:
         throw new Error(`unknown scenario ${scenario}`);
   }
}, 90000);
