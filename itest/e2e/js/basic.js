// The basic RPC and PubSub scenario with AutobahnJS: node basic.js <ws-url>
// Two sessions: A is callee and subscriber, B is caller and publisher. Plain calls (no progressive results)
// with args and kwargs, an application error, the router's errors, acknowledged publications, publisher exclusion.
'use strict';

const {autobahn, assert, uniq, withTimeout, sleep, connect, leave, expectError, eventually, main} =
   require('./lib/harness');

main(async ([url]) => {
   assert.ok(url, 'usage: node basic.js <ws-url>');
   const p = `e2e.js.basic.${uniq()}`;
   const a = await connect(url);
   const b = await connect(url);
   assert.notEqual(a.session.id, b.session.id, 'two sessions, two ids');

   // ---- RPC ----
   const progressSeen = [];
   const add = await a.session.register(`${p}.add`, (args) => args[0] + args[1]);
   await a.session.register(`${p}.greet`, (args, kwargs, details) => {
      progressSeen.push(Boolean(details.progress)); // a plain call: the callee must not be asked for progress
      return new autobahn.Result([`hello ${kwargs.name}`], {name: kwargs.name, times: kwargs.times * 2, args});
   });
   await a.session.register(`${p}.refuse`, (args) => {
      throw new autobahn.Error('com.example.error.refused', ['no', args[0]], {code: 7});
   });

   const sum = await withTimeout(b.session.call(`${p}.add`, [2, 3]), 10000, 'call add');
   assert.equal(sum, 5, 'add(2, 3)');

   const greeting = await withTimeout(b.session.call(`${p}.greet`, ['x', [1, 2]], {name: 'js', times: 3}), 10000,
      'call greet with kwargs');
   assert.ok(greeting instanceof autobahn.Result, `greet answers args and kwargs: ${JSON.stringify(greeting)}`);
   assert.deepEqual(greeting.args, ['hello js']);
   assert.deepEqual(greeting.kwargs, {name: 'js', times: 6, args: ['x', [1, 2]]});
   assert.deepEqual(progressSeen, [false]);

   const refused = await expectError(b.session.call(`${p}.refuse`, ['please']), 'com.example.error.refused',
      'call refuse');
   assert.deepEqual(refused.args, ['no', 'please'], 'application error args');
   assert.deepEqual(refused.kwargs, {code: 7}, 'application error kwargs');

   await expectError(b.session.call(`${p}.nobody`), 'wamp.error.no_such_procedure', 'call unknown');
   await expectError(b.session.register(`${p}.add`, () => 0), 'wamp.error.procedure_already_exists',
      'register again');
   await expectError(b.session.call(`${p}..empty`), 'wamp.error.invalid_uri', 'call invalid URI');

   await withTimeout(a.session.unregister(add), 10000, 'unregister add');
   await expectError(b.session.call(`${p}.add`, [1, 1]), 'wamp.error.no_such_procedure', 'call after unregister');

   // ---- PubSub ----
   const topic = `${p}.topic`;
   const eventsA = [];
   const eventsB = [];
   const subA = await a.session.subscribe(topic, (args, kwargs, details) => eventsA.push({args, kwargs, details}));
   await b.session.subscribe(topic, (args, kwargs, details) => eventsB.push({args, kwargs, details}));

   const pub = await withTimeout(b.session.publish(topic, [1, 'two'], {three: 3}, {acknowledge: true}), 10000,
      'acknowledged publish');
   assert.ok(pub.id > 0, 'PUBLISHED carries a publication id');
   await eventually(() => eventsA.length === 1, 10000, 'A receives the event');
   assert.deepEqual(eventsA[0].args, [1, 'two']);
   assert.deepEqual(eventsA[0].kwargs, {three: 3});
   assert.equal(eventsA[0].details.publication, pub.id, 'EVENT and PUBLISHED name one publication');
   await sleep(300);
   assert.equal(eventsB.length, 0, 'the publisher is excluded from its own event by default');

   await b.session.publish(topic, ['me too'], {}, {acknowledge: true, exclude_me: false});
   await eventually(() => eventsB.length === 1 && eventsA.length === 2, 10000, 'exclude_me=false reaches both');
   assert.deepEqual(eventsB[0].args, ['me too']);

   await withTimeout(a.session.unsubscribe(subA), 10000, 'unsubscribe');
   await b.session.publish(topic, ['after unsubscribe'], {}, {acknowledge: true, exclude_me: false});
   await eventually(() => eventsB.length === 2, 10000, 'B still subscribed');
   await sleep(300);
   assert.equal(eventsA.length, 2, 'no event after UNSUBSCRIBED');

   await expectError(b.session.publish(`${p}..bad`, [], {}, {acknowledge: true}), 'wamp.error.invalid_uri',
      'acknowledged publish to an invalid topic');

   // ---- leaving ----
   const goodbyeA = await leave(a);
   const goodbyeB = await leave(b);
   assert.equal(goodbyeA, 'wamp.close.goodbye_and_out');
   assert.equal(goodbyeB, 'wamp.close.goodbye_and_out');

   return {sum, greeting: {args: greeting.args, kwargs: greeting.kwargs}, refused: refused.error,
      eventsA: eventsA.length, eventsB: eventsB.length, goodbye: goodbyeA};
});
