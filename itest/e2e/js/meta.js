// The WAMP meta API, testaments and event history with AutobahnJS (issue 4): node meta.js <scenario> <ws-url> <realm>
// The realms are configured by the test (ConfiguredNode): sessionMeta needs a realm of its own (it counts and kills
// every session in it); eventHistory needs the realm's eventHistory configuration for e2e.hist. (prefix, limit 5)
// and e2e.histx.exact (exact).
'use strict';

const {autobahn, assert, uniq, withTimeout, sleep, connect, leave, expectError, eventually, main} =
   require('./lib/harness');

/** Subscribes to meta topics and records [topic, args] in order. */
async function metaListener(peer, topics) {
   const events = [];
   for (const topic of topics) {
      await peer.session.subscribe(topic, (args) => events.push([topic, args]));
   }
   return events;
}

const scenarios = {

   // ---- Session meta API (advanced/session_meta_api) ----
   async sessionMeta(url, realm) {
      const watcher = await connect(url, realm, {authid: 'meta-watcher'});
      const events = await metaListener(watcher, ['wamp.session.on_join', 'wamp.session.on_leave']);
      const call = (procedure, args, kwargs) => withTimeout(watcher.session.call(procedure, args, kwargs), 10000,
         procedure);

      const b = await connect(url, realm, {authid: 'meta-b'});
      const bId = b.session.id;  // AutobahnJS forgets it once the session is closed
      await eventually(() => events.some(([t, a]) => t === 'wamp.session.on_join' && a[0].session === bId),
         10000, 'on_join for B');
      const joined = events.find(([t, a]) => t === 'wamp.session.on_join' && a[0].session === bId)[1][0];
      assert.equal(joined.authid, 'meta-b', 'on_join details.authid');
      assert.equal(joined.authrole, 'anonymous', 'on_join details.authrole');
      assert.equal(joined.authmethod, 'anonymous', 'on_join details.authmethod');
      assert.equal(typeof joined.authprovider, 'string', 'on_join details.authprovider');

      assert.equal(await call('wamp.session.count'), 2, 'count');
      assert.deepEqual((await call('wamp.session.list')).sort(), [watcher.session.id, b.session.id].sort(), 'list');
      assert.deepEqual((await call('wamp.session.list', [['anonymous']])).length, 2, 'list filtered by authrole');
      assert.deepEqual(await call('wamp.session.list', [['nobody']]), [], 'list with a role nobody has');
      assert.equal(await call('wamp.session.count', [['nobody']]), 0, 'count with a role nobody has');

      const details = await call('wamp.session.get', [b.session.id]);
      assert.equal(details.session, b.session.id, 'get: session');
      assert.equal(details.authid, 'meta-b', 'get: authid');
      assert.equal(details.authrole, 'anonymous', 'get: authrole');
      assert.equal(details.authmethod, 'anonymous', 'get: authmethod');
      await expectError(watcher.session.call('wamp.session.get', [1]), 'wamp.error.no_such_session',
         'get an unknown session');

      // kill with a reason and message of our own
      await call('wamp.session.kill', [b.session.id], {reason: 'e2e.close.custom', message: 'bye B'});
      const bClosed = await withTimeout(b.closed, 10000, 'B closed after kill');
      assert.equal(bClosed.details.reason, 'e2e.close.custom', 'GOODBYE.Reason sent to the killed session');
      assert.equal(bClosed.details.message, 'bye B', 'GOODBYE.Details.message sent to the killed session');
      await eventually(() => events.some(([t, a]) => t === 'wamp.session.on_leave' && a[0] === bId),
         10000, 'on_leave for B');
      const left = events.find(([t, a]) => t === 'wamp.session.on_leave' && a[0] === bId)[1];
      assert.deepEqual(left, [bId, 'meta-b', 'anonymous'], 'on_leave arguments: session, authid, authrole');

      // kill without a reason: the spec says wamp.close.normal, Switchboard's notes say wamp.close.killed; recorded
      const c = await connect(url, realm);
      await call('wamp.session.kill', [c.session.id]);
      const defaultReason = (await withTimeout(c.closed, 10000, 'C closed after kill')).details.reason;
      assert.ok(['wamp.close.normal', 'wamp.close.killed'].includes(defaultReason),
         `the default reason of kill: ${defaultReason}`);

      await expectError(watcher.session.call('wamp.session.kill', [watcher.session.id]), 'wamp.error.no_such_session',
         'kill oneself');
      await expectError(watcher.session.call('wamp.session.kill', [424242]), 'wamp.error.no_such_session',
         'kill an unknown session');
      const d = await connect(url, realm);
      await expectError(watcher.session.call('wamp.session.kill', [d.session.id], {reason: 'not a uri'}),
         'wamp.error.invalid_uri', 'kill with a reason that is not a URI');
      assert.equal(d.session.isOpen, true, 'a refused kill leaves the session alone');

      // kill_by_authid: every session with the authid, never the caller
      const twins = [await connect(url, realm, {authid: 'meta-twin'}), await connect(url, realm, {authid: 'meta-twin'})];
      const watcherTwin = await connect(url, realm, {authid: 'meta-twin'});
      const killedTwins = await withTimeout(watcherTwin.session.call('wamp.session.kill_by_authid', ['meta-twin']),
         10000, 'kill_by_authid');
      assert.equal(killedTwins, 2, 'kill_by_authid answers the number of sessions closed (not the caller)');
      for (const twin of twins) {
         assert.equal((await withTimeout(twin.closed, 10000, 'twin closed')).details.reason, defaultReason,
            'kill_by_authid without a reason closes with the same reason as kill');
      }
      assert.equal(watcherTwin.session.isOpen, true, 'the caller of kill_by_authid is excluded');

      // kill_by_authrole: everyone else in this realm is 'anonymous'
      const killedByRole = await call('wamp.session.kill_by_authrole', ['anonymous'],
         {reason: 'e2e.close.role', message: 'role'});
      assert.equal(killedByRole, 2, 'kill_by_authrole: D and the twin watcher, not the caller');
      assert.equal((await withTimeout(d.closed, 10000, 'D closed')).details.reason, 'e2e.close.role');
      await withTimeout(watcherTwin.closed, 10000, 'twin watcher closed');

      // kill_all
      const e = await connect(url, realm);
      const f = await connect(url, realm);
      const killedIds = [e.session.id, f.session.id];
      assert.equal(await call('wamp.session.kill_all'), 2, 'kill_all closes everyone but the caller');
      await withTimeout(Promise.all([e.closed, f.closed]), 10000, 'E and F closed');
      await sleep(200);
      // The spec says kill_all "will not generate session meta events"; recorded, not asserted (its reason, that
      // no subscriber remains, does not hold for a caller that subscribed).
      const killAllLeaveEvents = events.filter(([t, a]) => t === 'wamp.session.on_leave'
         && killedIds.includes(a[0])).length;
      assert.equal(await call('wamp.session.count'), 1, 'only the caller is left');
      await leave(watcher);
      return {defaultReason, killedTwins, killedByRole, killAllLeaveEvents};
   },

   // ---- Registration meta API (advanced/rpc_registration_meta_api) ----
   async registrationMeta(url, realm) {
      const p = `e2e.js.regmeta.${uniq()}`;
      const watcher = await connect(url, realm);
      const topics = ['wamp.registration.on_create', 'wamp.registration.on_register', 'wamp.registration.on_unregister',
         'wamp.registration.on_delete'];
      const events = await metaListener(watcher, topics);
      const mine = (prefix) => events.filter(([t, a]) => t === prefix);
      const call = (procedure, ...args) => withTimeout(watcher.session.call(procedure, args), 10000, procedure);
      const x = await connect(url, realm);
      const y = await connect(url, realm);
      const [xId, yId] = [x.session.id, y.session.id];  // AutobahnJS forgets them once a session is closed

      const reg = await x.session.register(`${p}.proc`, () => 'x', {invoke: 'roundrobin'});
      await eventually(() => mine('wamp.registration.on_register').some(([, a]) => a[1] === reg.id), 10000,
         'on_register');
      const created = mine('wamp.registration.on_create').find(([, a]) => a[1].id === reg.id)[1];
      assert.equal(created[0], x.session.id, 'on_create: the registering session');
      assert.equal(created[1].uri, `${p}.proc`, 'on_create: details.uri');
      assert.equal(created[1].match, 'exact', 'on_create: details.match');
      assert.equal(created[1].invoke, 'roundrobin', 'on_create: details.invoke');
      assert.ok(!Number.isNaN(Date.parse(created[1].created)), `on_create: details.created ${created[1].created}`);
      const order = events.filter(([, a]) => a[1] === reg.id || (a[1] && a[1].id === reg.id)).map(([t]) => t);
      assert.deepEqual(order, ['wamp.registration.on_create', 'wamp.registration.on_register'],
         'on_create, then on_register');

      // Meta events come from the router only.
      await expectError(x.session.publish('wamp.registration.on_create', [x.session.id, {}], {}, {acknowledge: true}),
         'wamp.error.invalid_uri', 'a client publishing a meta event');
      await expectError(x.session.register('wamp.registration.list', () => 'fake'), 'wamp.error.invalid_uri',
         'a client registering a meta procedure');
      assert.equal(await call('wamp.registration.lookup', `${p}.proc`), reg.id, 'lookup');
      assert.equal(await call('wamp.registration.lookup', `${p}.nothing`), null, 'lookup of nothing is null');
      assert.equal(await call('wamp.registration.match', `${p}.proc`), reg.id, 'match');
      assert.equal(await call('wamp.registration.match', `${p}.nothing`), null, 'match of nothing is null');
      const got = await call('wamp.registration.get', reg.id);
      assert.deepEqual([got.id, got.uri, got.match, got.invoke], [reg.id, `${p}.proc`, 'exact', 'roundrobin'], 'get');
      await expectError(watcher.session.call('wamp.registration.get', [987654321]), 'wamp.error.no_such_registration',
         'get an unknown registration');
      await expectError(watcher.session.call('wamp.registration.list_callees', [987654321]),
         'wamp.error.no_such_registration', 'list_callees of an unknown registration');

      const prefix = await y.session.register(`${p}.pre`, () => 'y', {match: 'prefix'});
      const wildcard = await y.session.register(`${p}..card`, () => 'y', {match: 'wildcard'});
      assert.equal(await call('wamp.registration.lookup', `${p}.pre`, {match: 'prefix'}), prefix.id, 'lookup prefix');
      assert.equal(await call('wamp.registration.lookup', `${p}.pre`), null, 'lookup prefix URI as exact: null');
      assert.equal(await call('wamp.registration.match', `${p}.pre.deep.er`), prefix.id, 'match via prefix');
      assert.equal(await call('wamp.registration.match', `${p}.any.card`), wildcard.id, 'match via wildcard');
      const lists = await call('wamp.registration.list');
      assert.ok(lists.exact.includes(reg.id), 'list: exact');
      assert.ok(lists.prefix.includes(prefix.id), 'list: prefix');
      assert.ok(lists.wildcard.includes(wildcard.id), 'list: wildcard');
      assert.ok(!lists.exact.includes(prefix.id), 'list: a prefix registration is not listed as exact');

      // a second callee on the shared registration
      const reg2 = await y.session.register(`${p}.proc`, () => 'y', {invoke: 'roundrobin'});
      assert.equal(reg2.id, reg.id, 'both callees share one registration');
      assert.deepEqual((await call('wamp.registration.list_callees', reg.id)).sort(),
         [x.session.id, y.session.id].sort(), 'list_callees');
      assert.equal(await call('wamp.registration.count_callees', reg.id), 2, 'count_callees');

      await y.session.unregister(reg2);
      await eventually(() => mine('wamp.registration.on_unregister').some(([, a]) => a[0] === y.session.id
         && a[1] === reg.id), 10000, 'on_unregister for Y');
      assert.equal(mine('wamp.registration.on_delete').filter(([, a]) => a[1] === reg.id).length, 0,
         'no on_delete while X is still attached');
      assert.equal(await call('wamp.registration.count_callees', reg.id), 1, 'count_callees after Y left');

      // the last callee drops its connection: on_unregister, then on_delete
      x.drop();
      await eventually(() => mine('wamp.registration.on_delete').some(([, a]) => a[1] === reg.id), 10000,
         'on_delete after the last callee dropped');
      const tail = events.filter(([t, a]) => (t === 'wamp.registration.on_unregister'
         || t === 'wamp.registration.on_delete') && a[1] === reg.id).map(([t, a]) => [t, a[0]]);
      assert.deepEqual(tail, [['wamp.registration.on_unregister', yId],
         ['wamp.registration.on_unregister', xId], ['wamp.registration.on_delete', xId]],
         'on_unregister before on_delete, with the session that left');
      assert.equal(await call('wamp.registration.lookup', `${p}.proc`), null, 'lookup after delete');
      await expectError(watcher.session.call('wamp.registration.get', [reg.id]), 'wamp.error.no_such_registration',
         'get a deleted registration');
      await leave(y);
      await leave(watcher);
      return {events: events.length};
   },

   // ---- Subscription meta API (advanced/pubsub_subscription_meta_api) ----
   async subscriptionMeta(url, realm) {
      const p = `e2e.js.submeta.${uniq()}`;
      const watcher = await connect(url, realm);
      const events = await metaListener(watcher, ['wamp.subscription.on_create', 'wamp.subscription.on_subscribe',
         'wamp.subscription.on_unsubscribe', 'wamp.subscription.on_delete']);
      const call = (procedure, ...args) => withTimeout(watcher.session.call(procedure, args), 10000, procedure);
      const a = await connect(url, realm);
      const b = await connect(url, realm);
      const [aId, bId] = [a.session.id, b.session.id];  // AutobahnJS forgets them once a session is closed
      const sub = await a.session.subscribe(`${p}.t`, () => {});
      await eventually(() => events.some(([t, x]) => t === 'wamp.subscription.on_subscribe' && x[1] === sub.id),
         10000, 'on_subscribe');
      const created = events.find(([t, x]) => t === 'wamp.subscription.on_create' && x[1].id === sub.id)[1];
      assert.equal(created[0], a.session.id, 'on_create: the subscribing session');
      assert.deepEqual([created[1].uri, created[1].match], [`${p}.t`, 'exact'], 'on_create details');

      const subB = await b.session.subscribe(`${p}.t`, () => {});
      assert.equal(subB.id, sub.id, 'one subscription for both subscribers');
      const pre = await b.session.subscribe(p, () => {}, {match: 'prefix'});
      assert.equal(await call('wamp.subscription.lookup', `${p}.t`), sub.id, 'lookup');
      assert.equal(await call('wamp.subscription.lookup', p, {match: 'prefix'}), pre.id, 'lookup prefix');
      assert.equal(await call('wamp.subscription.lookup', `${p}.none`), null, 'lookup of nothing is null');
      assert.deepEqual((await call('wamp.subscription.match', `${p}.t`)).sort(), [sub.id, pre.id].sort(),
         'match: every matching subscription');
      assert.equal(await call('wamp.subscription.match', 'e2e.js.nothing.at.all'), null, 'match of nothing is null');
      const got = await call('wamp.subscription.get', sub.id);
      assert.deepEqual([got.id, got.uri, got.match], [sub.id, `${p}.t`, 'exact'], 'get');
      assert.ok(!Number.isNaN(Date.parse(got.created)), `get: created ${got.created}`);
      const lists = await call('wamp.subscription.list');
      assert.ok(lists.exact.includes(sub.id) && lists.prefix.includes(pre.id), 'list');
      assert.deepEqual((await call('wamp.subscription.list_subscribers', sub.id)).sort(),
         [a.session.id, b.session.id].sort(), 'list_subscribers');
      assert.equal(await call('wamp.subscription.count_subscribers', sub.id), 2, 'count_subscribers');
      await expectError(watcher.session.call('wamp.subscription.get', [987654321]), 'wamp.error.no_such_subscription',
         'get an unknown subscription');

      await a.session.unsubscribe(sub);
      b.drop();
      await eventually(() => events.some(([t, x]) => t === 'wamp.subscription.on_delete' && x[1] === sub.id), 10000,
         'on_delete');
      const tail = events.filter(([t, x]) => (t === 'wamp.subscription.on_unsubscribe'
         || t === 'wamp.subscription.on_delete') && x[1] === sub.id).map(([t, x]) => [t, x[0]]);
      assert.deepEqual(tail, [['wamp.subscription.on_unsubscribe', aId],
         ['wamp.subscription.on_unsubscribe', bId], ['wamp.subscription.on_delete', bId]],
         'on_unsubscribe per subscriber, then on_delete');
      assert.equal(await call('wamp.subscription.lookup', `${p}.t`), null, 'lookup after delete');
      await leave(a);
      await leave(watcher);
      return {events: events.length};
   },

   // ---- Testaments (advanced/pubsub_testament) ----
   async testaments(url, realm) {
      const p = `e2e.js.will.${uniq()}`;
      const topic = `${p}.will`;
      const watcher = await connect(url, realm);
      const wills = [];
      await watcher.session.subscribe(topic, (args, kwargs) => wills.push({args, kwargs}));

      // A: both scopes, then its connection drops: detached first, then destroyed, in the order added.
      const a = await connect(url, realm);
      await a.session.call('wamp.session.add_testament', [topic, ['A destroyed 1'], {who: 'A'}]);
      await a.session.call('wamp.session.add_testament', [topic, ['A detached'], {who: 'A'}], {scope: 'detached'});
      await a.session.call('wamp.session.add_testament', [topic, ['A destroyed 2'], {who: 'A'}], {scope: 'destroyed'});
      a.drop();
      await eventually(() => wills.length === 3, 10000, 'three testaments of A after its connection dropped');
      assert.deepEqual(wills.map((w) => w.args[0]), ['A detached', 'A destroyed 1', 'A destroyed 2'],
         'detached-scope testaments before destroyed-scope ones, each in the order added');
      assert.deepEqual(wills[0].kwargs, {who: 'A'}, 'testament kwargs');

      // B flushes its testaments before dropping: nothing is published.
      const b = await connect(url, realm);
      await b.session.call('wamp.session.add_testament', [topic, ['B'], {}]);
      await b.session.call('wamp.session.add_testament', [topic, ['B detached'], {}], {scope: 'detached'});
      await b.session.call('wamp.session.flush_testaments', [], {scope: 'destroyed'});
      await b.session.call('wamp.session.flush_testaments', [], {scope: 'detached'});
      b.drop();

      // C leaves cleanly with GOODBYE: its session is destroyed, so its testament is published too.
      const c = await connect(url, realm);
      await c.session.call('wamp.session.add_testament', [topic, ['C'], {}]);
      await leave(c);
      await eventually(() => wills.length === 4, 10000, 'the testament of C after GOODBYE');
      await sleep(300);
      assert.deepEqual(wills.map((w) => w.args[0]), ['A detached', 'A destroyed 1', 'A destroyed 2', 'C'],
         'nothing from B (flushed)');

      // Errors: an invalid topic, an invalid scope.
      const d = await connect(url, realm);
      await expectError(d.session.call('wamp.session.add_testament', [`${p}..bad`, [], {}]), 'wamp.error.invalid_uri',
         'a testament on an invalid topic');
      await expectError(d.session.call('wamp.session.add_testament', [topic, [], {}], {scope: 'sometime'}),
         'wamp.error.invalid_argument', 'a testament with an unknown scope');
      await leave(d);
      await sleep(200);
      assert.equal(wills.length, 4, 'the refused testaments were not kept');
      await leave(watcher);
      return {wills: wills.map((w) => w.args[0])};
   },

   // ---- Event history (advanced/pubsub_event_history) ----
   async eventHistory(url, realm) {
      const publisher = await connect(url, realm, {authid: 'hist-publisher'});
      const reader = await connect(url, realm);
      const tag = uniq();
      const pub = async (topic, n, options = {}, kwargs = {}) => (await withTimeout(publisher.session.publish(topic,
         [`${tag}-${n}`], kwargs, Object.assign({acknowledge: true}, options)), 10000, `publish ${n}`)).id;
      const ids = {};
      ids.e1 = await pub('e2e.hist.a', 'e1');
      ids.e2 = await pub('e2e.hist.b', 'e2');
      ids.e3 = await pub('e2e.hist.a', 'e3', {exclude: [reader.session.id]});      // session-id list: not kept
      ids.e4 = await pub('e2e.hist.a', 'e4', {eligible_authrole: ['nobody']});     // kept, not for the reader
      ids.e5 = await pub('e2e.hist.b', 'e5', {}, {k: 5});
      await sleep(5);  // distinct timestamps around e6 for the time filters
      ids.e6 = await pub('e2e.hist.a', 'e6');
      await sleep(5);
      ids.e7 = await pub('e2e.hist.a', 'e7', {disclose_me: true});
      ids.e8 = await pub('e2e.hist.b', 'e8');

      const sub = await reader.session.call('wamp.subscription.lookup', ['e2e.hist.', {match: 'prefix'}]);
      assert.equal(typeof sub, 'number', `the configured history subscription exists: ${sub}`);
      const events = (kwargs = {}) => withTimeout(reader.session.call('wamp.subscription.get_events', [sub], kwargs),
         10000, `get_events ${JSON.stringify(kwargs)}`);
      const names = (list) => list.map((e) => e.args[0].slice(tag.length + 1));

      const all = await events();
      assert.deepEqual(names(all), ['e5', 'e6', 'e7', 'e8'],
         'the last 5 kept events (limit 5; e3 had a session-id list) minus e4, which the reader may not see');
      const e5 = all[0];
      assert.equal(e5.subscription, sub, 'event.subscription');
      assert.equal(e5.publication, ids.e5, 'event.publication is the id PUBLISHED gave');
      assert.equal(e5.details.topic, 'e2e.hist.b', 'event.details.topic (prefix subscription)');
      assert.deepEqual(e5.kwargs, {k: 5}, 'event.kwargs');
      assert.ok(!Number.isNaN(Date.parse(e5.timestamp)), `event.timestamp is RFC 3339: ${e5.timestamp}`);
      assert.equal(all[2].details.publisher, publisher.session.id, 'details kept: publisher of a disclose_me event');

      assert.deepEqual(names(await events({limit: 2})), ['e5', 'e6'], 'limit');
      assert.deepEqual(names(await events({reverse: true, limit: 2})), ['e8', 'e7'], 'reverse with limit');
      assert.deepEqual(names(await events({topic: 'e2e.hist.b'})), ['e5', 'e8'], 'topic');
      assert.deepEqual(names(await events({after_publication: ids.e6})), ['e7', 'e8'], 'after_publication');
      assert.deepEqual(names(await events({from_publication: ids.e6})), ['e6', 'e7', 'e8'], 'from_publication');
      assert.deepEqual(names(await events({before_publication: ids.e7})), ['e5', 'e6'], 'before_publication');
      assert.deepEqual(names(await events({until_publication: ids.e7})), ['e5', 'e6', 'e7'], 'until_publication');
      const t6 = all[1].timestamp;
      assert.deepEqual(names(await events({after_time: t6})), ['e7', 'e8'], 'after_time (>)');
      assert.deepEqual(names(await events({from_time: t6})), ['e6', 'e7', 'e8'], 'from_time (>=)');
      assert.deepEqual(names(await events({before_time: t6})), ['e5'], 'before_time (<)');
      assert.deepEqual(names(await events({until_time: t6})), ['e5', 'e6'], 'until_time (<=)');
      assert.deepEqual(names(await events({after_publication: ids.e5, before_publication: ids.e8})), ['e6', 'e7'],
         'several filters at once (AND)');

      // An exact history topic.
      const x1 = await pub('e2e.histx.exact', 'x1');
      await pub('e2e.histx.exact', 'x2');
      const exact = await reader.session.call('wamp.subscription.lookup', ['e2e.histx.exact']);
      const exactEvents = await withTimeout(reader.session.call('wamp.subscription.get_events', [exact]), 10000,
         'exact history');
      assert.deepEqual(names(exactEvents).slice(-2), ['x1', 'x2'], 'exact history');
      assert.equal(exactEvents[exactEvents.length - 2].publication, x1);

      await expectError(reader.session.call('wamp.subscription.get_events', [987654321]),
         'wamp.error.no_such_subscription', 'get_events for an unknown subscription');
      await leave(publisher);
      await leave(reader);
      return {kept: names(all)};
   },
};

main(async ([scenario, ...args]) => {
   assert.ok(scenarios[scenario], `usage: node meta.js <${Object.keys(scenarios).join('|')}> <ws-url> <realm>`);
   return scenarios[scenario](...args);
});
