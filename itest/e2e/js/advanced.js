// The WAMP Advanced Profile with AutobahnJS (issue 4): node advanced.js <scenario> <ws-url>
// Each scenario opens its own sessions on realm1 under a unique URI prefix, checks what the router does to the
// letter of the spec (rfc/text/advanced/*) and prints RESULT <json>. Raw WAMP messages are checked where the client
// API hides them (peer.wire: what a session received; peer.sent: what it sent).
'use strict';

const {autobahn, assert, MSG, uniq, withTimeout, sleep, connect, leave, expectError, eventually, wireFor, lastSent,
   main} = require('./lib/harness');

/** A callee handler that answers only when the test says so: held.release(value) / held.fail(error). */
function holdingHandler(invocations) {
   return (args, kwargs, details) => new Promise((resolve, reject) => {
      invocations.push({args, kwargs, details, resolve, reject});
   });
}

/** The positional arguments of a result (AutobahnJS unwraps a single positional result without kwargs). */
function argsOf(result) {
   return result instanceof autobahn.Result ? result.args : [result];
}

/** A call with a progress callback (when.js promises: then(onResult, onError, onProgress)). */
function callWithProgress(session, procedure, args, options, progress) {
   return session.call(procedure, args, {}, options).then((r) => r, (e) => { throw e; }, progress);
}

const scenarios = {

   // ---- WELCOME announces the features (advanced/features); session_meta_api on broker and dealer ----
   async announcedFeatures(url) {
      const peer = await connect(url);
      const roles = peer.details.roles;
      const broker = Object.keys(roles.broker.features).filter((k) => roles.broker.features[k] === true).sort();
      const dealer = Object.keys(roles.dealer.features).filter((k) => roles.dealer.features[k] === true).sort();
      for (const feature of ['publisher_exclusion', 'publisher_identification', 'subscriber_blackwhite_listing',
         'pattern_based_subscription', 'event_retention', 'event_history', 'session_meta_api',
         'subscription_meta_api']) {
         assert.ok(broker.includes(feature), `broker announces ${feature}: ${broker}`);
      }
      for (const feature of ['progressive_call_results', 'call_canceling', 'call_timeout', 'caller_identification',
         'pattern_based_registration', 'shared_registration', 'session_meta_api', 'registration_meta_api',
         'testament_meta_api']) {
         assert.ok(dealer.includes(feature), `dealer announces ${feature}: ${dealer}`);
      }
      await leave(peer);
      return {roles: Object.keys(roles).sort(), broker, dealer};
   },

   // ---- RPC: progressive call results (advanced/rpc_progressive_call_results) ----
   async progressive(url) {
      const p = `e2e.js.progress.${uniq()}`;
      const callee = await connect(url);
      const caller = await connect(url);
      const seen = [];
      await callee.session.register(`${p}.count`, async (args, kwargs, details) => {
         seen.push(typeof details.progress === 'function');
         if (details.progress) {
            for (let i = 1; i <= args[0]; i++) {
               details.progress([i], {of: args[0]});
               await sleep(20);
            }
         }
         return new autobahn.Result(['done'], {total: args[0]});
      });
      await callee.session.register(`${p}.failing`, async (args, kwargs, details) => {
         details.progress([1]);
         await sleep(20);
         throw new autobahn.Error('com.example.error.midway', ['after one'], {});
      });

      const progress = [];
      const result = await withTimeout(callWithProgress(caller.session, `${p}.count`, [3], {receive_progress: true},
         (r) => progress.push(r)), 10000, 'progressive call');
      assert.deepEqual(progress.map((r) => [r.args, r.kwargs]),
         [[[1], {of: 3}], [[2], {of: 3}], [[3], {of: 3}]], 'progressive results in order, before the final one');
      assert.deepEqual([result.args, result.kwargs], [['done'], {total: 3}], 'final result');
      const request = lastSent(caller, MSG.CALL);
      const results = wireFor(caller, request, MSG.RESULT, MSG.ERROR);
      assert.deepEqual(results.map((m) => Boolean(m[2].progress)), [true, true, true, false],
         `three RESULTs with details.progress=true, then exactly one final RESULT: ${JSON.stringify(results)}`);

      // A caller that does not ask for progress: the callee is not offered it and the caller gets one RESULT.
      const plain = await withTimeout(caller.session.call(`${p}.count`, [2]), 10000, 'plain call');
      assert.deepEqual(plain.args, ['done']);
      assert.deepEqual(seen, [true, false], 'INVOCATION.Details.receive_progress only when the caller asked');
      const plainRequest = lastSent(caller, MSG.CALL);
      assert.equal(wireFor(caller, plainRequest, MSG.RESULT, MSG.ERROR).length, 1, 'one RESULT for a plain call');

      // Progress, then an application error: the error ends the call.
      const before = [];
      const error = await expectError(callWithProgress(caller.session, `${p}.failing`, [], {receive_progress: true},
         (r) => before.push(argsOf(r))), 'com.example.error.midway', 'progress then error');
      assert.deepEqual(before, [[1]], 'the progressive result before the error');
      assert.deepEqual(error.args, ['after one']);

      await leave(caller);
      await leave(callee);
      return {progress: progress.length, results: results.length};
   },

   // ---- RPC: call canceling with a callee that does not announce call_canceling (AutobahnJS) ----
   // Spec (advanced/rpc_call_canceling): "If the callee does not support call canceling, then behavior is skip":
   // the caller gets ERROR wamp.error.canceled at once, no INTERRUPT goes to the callee, its late answer is dropped.
   async cancelSkipSemantics(url) {
      const p = `e2e.js.cancel.${uniq()}`;
      const callee = await connect(url);
      const caller = await connect(url);
      const held = [];
      await callee.session.register(`${p}.slow`, holdingHandler(held));
      const outcome = {};
      for (const mode of ['skip', 'kill', 'killnowait']) {
         const call = caller.session.call(`${p}.slow`, [mode]);
         const request = lastSent(caller, MSG.CALL);
         await eventually(() => held.length === 1, 10000, `${mode}: the callee is invoked`);
         const started = Date.now();
         // CANCEL sent on the wire as AutobahnJS's cancel() would, without its local rejection (which makes it
         // treat the router's ERROR as a protocol violation for skip and killnowait).
         caller.session._send_wamp([MSG.CANCEL, request, {mode}]);
         const error = await expectError(call, 'wamp.error.canceled', `${mode}: the canceled call`);
         const waited = Date.now() - started;
         held.shift().resolve(`late answer to ${mode}`);
         await sleep(300);
         const forRequest = wireFor(caller, request, MSG.RESULT, MSG.ERROR);
         assert.equal(forRequest.length, 1, `${mode}: exactly one answer to the canceled call: ${
            JSON.stringify(forRequest)}`);
         assert.equal(forRequest[0][0], MSG.ERROR, `${mode}: the answer is an ERROR`);
         outcome[mode] = {error: error.error, waitedMs: waited};
      }
      const interrupts = callee.wire.filter((m) => m[0] === MSG.INTERRUPT);
      assert.deepEqual(interrupts, [], 'no INTERRUPT to a callee that did not announce call_canceling');

      // AutobahnJS's own API (mode kill keeps the call pending until the router answers).
      const viaApi = caller.session.call(`${p}.slow`, ['api']);
      await eventually(() => held.length === 1, 10000, 'api: the callee is invoked');
      viaApi.cancel({mode: 'kill'});
      const apiError = await expectError(viaApi, 'wamp.error.canceled', 'AutobahnJS cancel({mode: kill})');
      held.shift().resolve('late');

      // CANCEL after the RESULT: ignored, nothing more arrives, the session stays usable.
      await callee.session.register(`${p}.quick`, (args) => args[0] * 2);
      assert.equal(await caller.session.call(`${p}.quick`, [21]), 42);
      const done = lastSent(caller, MSG.CALL);
      for (const mode of ['skip', 'kill', 'killnowait']) {
         caller.session._send_wamp([MSG.CANCEL, done, {mode}]);
      }
      assert.equal(await withTimeout(caller.session.call(`${p}.quick`, [5]), 10000, 'a call after the late CANCELs'),
         10);
      await sleep(200);
      assert.equal(wireFor(caller, done, MSG.RESULT, MSG.ERROR).length, 1,
         'a CANCEL after the RESULT gets no answer (the call is over)');
      assert.ok(caller.session.isOpen, 'the caller session is still open');

      await leave(caller);
      await leave(callee);
      return {outcome, api: apiError.error};
   },

   // ---- RPC: call timeout (advanced/rpc_call_timeout) with a callee that cannot be interrupted ----
   async timeout(url) {
      const p = `e2e.js.timeout.${uniq()}`;
      const callee = await connect(url);
      const caller = await connect(url);
      const held = [];
      await callee.session.register(`${p}.slow`, holdingHandler(held));
      const started = Date.now();
      const call = caller.session.call(`${p}.slow`, ['x'], {}, {timeout: 400});
      const request = lastSent(caller, MSG.CALL);
      const error = await expectError(call, 'wamp.error.timeout', 'a call with timeout 400 ms');
      const elapsed = Date.now() - started;
      assert.ok(elapsed >= 380, `the timeout ended the call after ${elapsed} ms, before 400 ms`);
      assert.ok(elapsed < 3000, `the timeout ended the call only after ${elapsed} ms`);
      assert.equal(held.length, 1, 'the callee was invoked');
      held.shift().resolve('too late');
      await sleep(300);
      assert.equal(wireFor(caller, request, MSG.RESULT, MSG.ERROR).length, 1,
         'exactly one answer: the late YIELD is dropped');
      assert.deepEqual(callee.wire.filter((m) => m[0] === MSG.INTERRUPT), [],
         'no INTERRUPT to a callee without call_canceling');

      // A timeout that does not expire changes nothing.
      const ok = caller.session.call(`${p}.slow`, ['y'], {}, {timeout: 5000});
      await eventually(() => held.length === 1, 10000, 'second invocation');
      held.shift().resolve('in time');
      assert.equal(await withTimeout(ok, 10000, 'call within its timeout'), 'in time');
      await leave(caller);
      await leave(callee);
      return {error: error.error, elapsedMs: elapsed};
   },

   // ---- RPC: caller identification (advanced/rpc_caller_identification) ----
   async callerIdentification(url) {
      const p = `e2e.js.callerid.${uniq()}`;
      const callee = await connect(url);
      const caller = await connect(url, undefined, {authid: 'e2e-caller'});
      const who = (args, kwargs, details) => ({caller: details.caller, caller_authid: details.caller_authid,
         caller_authrole: details.caller_authrole});
      await callee.session.register(`${p}.who`, who);
      await callee.session.register(`${p}.always`, who, {disclose_caller: true});

      const disclosed = await caller.session.call(`${p}.who`, [], {}, {disclose_me: true});
      assert.deepEqual(disclosed, {caller: caller.session.id, caller_authid: 'e2e-caller',
         caller_authrole: 'anonymous'}, 'disclose_me=true discloses the caller');
      const hidden = await caller.session.call(`${p}.who`, []);
      assert.deepEqual(hidden, {}, 'without disclose_me the callee learns nothing about the caller');
      const byRegistration = await caller.session.call(`${p}.always`, []);
      assert.deepEqual(byRegistration, {caller: caller.session.id, caller_authid: 'e2e-caller',
         caller_authrole: 'anonymous'}, 'REGISTER.Options.disclose_caller=true discloses every caller');
      await leave(caller);
      await leave(callee);
      return {disclosed, hidden, byRegistration};
   },

   // ---- RPC: pattern-based registrations, the spec's own precedence example (advanced/rpc_pattern_based_registration)
   async patternRegistration(url) {
      const p = `e2e.js.pattern.${uniq()}`;
      const callee = await connect(url);
      const caller = await connect(url);
      // The spec's example registrations. Its example call 'a1.b2.c3.d4.e5' ("no prefix match, ... Use RPC 5")
      // contradicts its own algorithm (prefixes 'a1.b2.c3' and 'a1.b2.c3.d4' match it on characters), so the
      // wildcard ranking is checked under a second prefix where only the wildcard registrations exist.
      const registrations = [
         ['x', 1, 'a1.b2.c3.d4.e55', 'exact'], ['x', 2, 'a1.b2.c3', 'prefix'], ['x', 3, 'a1.b2.c3.d4', 'prefix'],
         ['x', 4, 'a1.b2..d4.e5', 'wildcard'], ['x', 5, 'a1.b2.c3..e5', 'wildcard'],
         ['x', 6, 'a1.b2..d4.e5..g7', 'wildcard'], ['x', 7, 'a1.b2..d4..f6.g7', 'wildcard'],
         ['w', 4, 'a1.b2..d4.e5', 'wildcard'], ['w', 5, 'a1.b2.c3..e5', 'wildcard'],
         ['w', 6, 'a1.b2..d4.e5..g7', 'wildcard'], ['w', 7, 'a1.b2..d4..f6.g7', 'wildcard'],
      ];
      for (const [group, n, uri, match] of registrations) {
         await callee.session.register(`${p}.${group}.${uri}`,
            (args, kwargs, details) => ({rpc: n, procedure: details.procedure}), {match});
      }
      const expectations = [
         // 1. exact wins; 2. the longest prefix; 3. the wildcard with the longest concrete portions
         ['x.a1.b2.c3.d4.e55', 1], ['x.a1.b2.c3.d98.e74', 2], ['x.a1.b2.c3.d4.e325', 3], ['x.a1.b2.c55.d4.e5', 4],
         ['x.a1.b2.c3.d4.e5', 3], ['x.a1.b2.c88.d4.e5.f6.g7', 6],
         // prefix matching is on characters (spec: com.myapp.myobject1 matches com.myapp.myobject1-mysubobject1)
         ['x.a1.b2.c3-sub', 2],
         ['w.a1.b2.c55.d4.e5', 4], ['w.a1.b2.c3.d4.e5', 5], ['w.a1.b2.c88.d4.e5.f6.g7', 6],
         ['w.a1.b2.c88.d4.e9.f6.g7', 7],
      ];
      const routed = {};
      for (const [uri, rpc] of expectations) {
         const answer = await withTimeout(caller.session.call(`${p}.${uri}`), 10000, `call ${uri}`);
         assert.equal(answer.rpc, rpc, `call ${uri} must be routed to RPC ${rpc}, was routed to RPC ${answer.rpc}`);
         assert.equal(answer.procedure, `${p}.${uri}`, `INVOCATION.Details.procedure for ${uri}`);
         routed[uri] = answer.rpc;
      }
      await expectError(caller.session.call(`${p}.x.a2.b2.c2.d2.e2`), 'wamp.error.no_such_procedure', 'no match');
      await expectError(caller.session.call(`${p}.w.a1.b2.c3.d4.e5.f6`), 'wamp.error.no_such_procedure',
         'a wildcard pattern matches only URIs with as many components');
      // The pattern itself is a registration of its own: registering it again with the same policy is taken.
      await expectError(caller.session.register(`${p}.x.a1.b2.c3`, () => 0, {match: 'prefix'}),
         'wamp.error.procedure_already_exists', 'the same prefix again');
      // ... while the same URI with another policy is a different registration, and exact beats prefix.
      await caller.session.register(`${p}.x.a1.b2.c3`, () => ({rpc: 'exact'}));
      assert.deepEqual(await caller.session.call(`${p}.x.a1.b2.c3`), {rpc: 'exact'}, 'exact beats prefix');
      await leave(caller);
      await leave(callee);
      return {routed};
   },

   // ---- RPC: shared registrations (advanced/rpc_shared_registration) ----
   async sharedRegistration(url) {
      const p = `e2e.js.shared.${uniq()}`;
      const peers = [];
      for (let i = 0; i < 3; i++) {
         peers.push(await connect(url));
      }
      const caller = await connect(url);
      const names = ['A', 'B', 'C'];
      const regs = {};
      for (const policy of ['roundrobin', 'random', 'first', 'last']) {
         regs[policy] = [];
         for (let i = 0; i < 3; i++) {
            regs[policy].push(await peers[i].session.register(`${p}.${policy}`, () => names[i], {invoke: policy}));
         }
      }
      const calls = async (policy, n) => {
         const out = [];
         for (let i = 0; i < n; i++) {
            out.push(await withTimeout(caller.session.call(`${p}.${policy}`), 10000, `${policy} call ${i}`));
         }
         return out;
      };
      const rr = await calls('roundrobin', 6);
      assert.deepEqual(rr, ['A', 'B', 'C', 'A', 'B', 'C'], 'roundrobin goes through the callees in turn');
      const random = await calls('random', 60);
      assert.ok(random.every((x) => names.includes(x)), 'random picks one of the callees');
      assert.equal(new Set(random).size, 3, `random: 60 calls reach all three callees: ${random.join('')}`);
      assert.deepEqual(await calls('first', 3), ['A', 'A', 'A'], 'first: the callee that registered first');
      assert.deepEqual(await calls('last', 3), ['C', 'C', 'C'], 'last: the callee that registered last');
      await peers[2].session.unregister(regs.last[2]);
      assert.deepEqual(await calls('last', 2), ['B', 'B'], 'last after the last callee unregistered');
      await peers[0].session.unregister(regs.first[0]);
      assert.deepEqual(await calls('first', 2), ['B', 'B'], 'first after the first callee unregistered');

      // A different policy for an existing registration, or shared on a single one, is refused.
      const other = await connect(url);
      await expectError(other.session.register(`${p}.roundrobin`, () => 'X', {invoke: 'random'}),
         'wamp.error.procedure_already_exists', 'roundrobin registration joined with invoke=random');
      await expectError(other.session.register(`${p}.roundrobin`, () => 'X'),
         'wamp.error.procedure_already_exists', 'roundrobin registration joined with invoke=single');
      await peers[0].session.register(`${p}.single`, () => 'A');
      await expectError(other.session.register(`${p}.single`, () => 'X', {invoke: 'roundrobin'}),
         'wamp.error.procedure_already_exists', 'single registration joined with invoke=roundrobin');
      assert.deepEqual(await calls('roundrobin', 3), ['A', 'B', 'C'], 'the refused registrations changed nothing');

      // The callee chosen for a call goes away mid-call: the caller gets an ERROR, not a hang; the next call is
      // routed to the callee that is left.
      const slow = await connect(url);
      const held = [];
      await slow.session.register(`${p}.leaving`, holdingHandler(held), {invoke: 'first'});
      await other.session.register(`${p}.leaving`, () => 'the other', {invoke: 'first'});
      const pending = caller.session.call(`${p}.leaving`);
      await eventually(() => held.length === 1, 10000, 'the first callee is invoked');
      slow.drop();
      const lost = await expectError(pending, 'wamp.error.canceled', 'a call whose callee dropped its connection');
      assert.equal(await withTimeout(caller.session.call(`${p}.leaving`), 10000, 'call after the callee left'),
         'the other');

      for (const peer of [...peers, caller, other]) {
         await leave(peer);
      }
      return {roundrobin: rr, random: random.join(''), lost: lost.error};
   },

   // ---- PubSub: publisher identification and exclusion (advanced/pubsub_publisher_*) ----
   async publisherOptions(url) {
      const p = `e2e.js.publisher.${uniq()}`;
      const publisher = await connect(url, undefined, {authid: 'e2e-publisher'});
      const publisherId = publisher.session.id;
      const subscriber = await connect(url);
      const events = [];
      const own = [];
      await subscriber.session.subscribe(`${p}.t`, (args, kwargs, details) => events.push({args, details}));
      await publisher.session.subscribe(`${p}.t`, (args) => own.push(args[0]));
      await publisher.session.publish(`${p}.t`, ['disclosed'], {}, {acknowledge: true, disclose_me: true});
      await publisher.session.publish(`${p}.t`, ['anonymous'], {}, {acknowledge: true});
      await publisher.session.publish(`${p}.t`, ['to me too'], {}, {acknowledge: true, exclude_me: false});
      await eventually(() => events.length === 3 && own.length === 1, 10000, 'three events, one of them to the publisher');
      const [disclosed, hidden] = events;
      assert.equal(disclosed.details.publisher, publisherId, 'EVENT.Details.publisher');
      assert.equal(disclosed.details.publisher_authid, 'e2e-publisher', 'EVENT.Details.publisher_authid');
      assert.equal(disclosed.details.publisher_authrole, 'anonymous', 'EVENT.Details.publisher_authrole');
      assert.equal(hidden.details.publisher, undefined, 'no publisher without disclose_me');
      assert.equal(hidden.details.publisher_authid, undefined, 'no publisher_authid without disclose_me');
      assert.deepEqual(own, ['to me too'], 'the publisher got only the event published with exclude_me=false');
      await leave(publisher);
      await leave(subscriber);
      return {disclosed: disclosed.details.publisher === publisherId, own};
   },

   // ---- PubSub: subscriber black- and whitelisting (advanced/pubsub_subscriber_blackwhite_listing) ----
   async blackWhiteListing(url) {
      const p = `e2e.js.bwl.${uniq()}`;
      const topic = `${p}.t`;
      const subs = [];
      for (let i = 1; i <= 4; i++) {
         subs.push(await connect(url, undefined, {authid: `${p}-sub${i}`}));
      }
      const publisher = await connect(url, undefined, {authid: `${p}-pub`});
      const got = subs.map(() => []);
      const gotPublisher = [];
      for (let i = 0; i < 4; i++) {
         await subs[i].session.subscribe(topic, (args) => got[i].push(args[0]));
      }
      await publisher.session.subscribe(topic, (args) => gotPublisher.push(args[0]));
      const id = (i) => subs[i - 1].session.id;
      const cases = [
         ['exclude', {exclude: [id(1)]}, [2, 3, 4]],
         ['eligible', {eligible: [id(1), id(2)]}, [1, 2]],
         ['eligible+exclude', {eligible: [id(1), id(2)], exclude: [id(2)]}, [1]],
         ['exclude_authid', {exclude_authid: [`${p}-sub3`]}, [1, 2, 4]],
         ['eligible_authid', {eligible_authid: [`${p}-sub4`, `${p}-nobody`]}, [4]],
         ['eligible_authrole', {eligible_authrole: ['anonymous']}, [1, 2, 3, 4]],
         ['exclude_authrole', {exclude_authrole: ['anonymous']}, []],
         ['eligible_authrole other', {eligible_authrole: ['nobody']}, []],
         ['eligible_authid+exclude', {eligible_authid: [`${p}-sub1`, `${p}-sub2`], exclude: [id(1)]}, [2]],
         ['eligible publisher, exclude_me=false', {eligible: [publisher.session.id], exclude_me: false}, ['P']],
      ];
      for (const [name, options] of cases) {
         await publisher.session.publish(topic, [name], {}, Object.assign({acknowledge: true}, options));
      }
      await publisher.session.publish(topic, ['end'], {}, {acknowledge: true, exclude_me: false});
      await eventually(() => got.every((g) => g.includes('end')) && gotPublisher.includes('end'), 10000,
         'the final event everywhere');
      const outcome = {};
      for (const [name, , expected] of cases) {
         const actual = [];
         got.forEach((g, i) => { if (g.includes(name)) actual.push(i + 1); });
         if (gotPublisher.includes(name)) {
            actual.push('P');
         }
         assert.deepEqual(actual, expected, `${name}: receivers`);
         outcome[name] = actual;
      }
      for (const peer of [...subs, publisher]) {
         await leave(peer);
      }
      return outcome;
   },

   // ---- PubSub: pattern-based subscriptions (advanced/pubsub_pattern_based_subscription) ----
   async patternSubscription(url) {
      const p = `e2e.js.psub.${uniq()}`;
      const a = await connect(url);
      const b = await connect(url);
      const publisher = await connect(url);
      const events = [];
      const record = (name) => (args, kwargs, details) => events.push({name, topic: details.topic, args});
      const prefix = await a.session.subscribe(`${p}.news`, record('prefix'), {match: 'prefix'});
      const wildcard = await a.session.subscribe(`${p}..sport`, record('wildcard'), {match: 'wildcard'});
      const exact = await a.session.subscribe(`${p}.news.sport`, record('exact'));
      const prefixB = await b.session.subscribe(`${p}.news`, () => {}, {match: 'prefix'});
      assert.equal(prefixB.id, prefix.id, 'one subscription per (topic, match): same id for a second subscriber');
      assert.notEqual(exact.id, prefix.id, 'same topic, other match: another subscription');

      const publish = (topic) => publisher.session.publish(`${p}.${topic}`, [topic], {}, {acknowledge: true});
      await publish('news.sport');
      await publish('news-flash');  // prefix matching is on characters
      await publish('weather.sport');
      await publish('news.sport.extra');  // wildcard: component count must match
      await publish('other');
      await eventually(() => events.length >= 6, 10000, 'six events');
      await sleep(200);
      const byName = (name) => events.filter((e) => e.name === name).map((e) => [e.args[0], e.topic]);
      assert.deepEqual(byName('exact').map((e) => e[0]), ['news.sport'], 'exact subscription');
      assert.deepEqual(byName('prefix'), [['news.sport', `${p}.news.sport`], ['news-flash', `${p}.news-flash`],
         ['news.sport.extra', `${p}.news.sport.extra`]], 'prefix subscription with EVENT.Details.topic');
      assert.deepEqual(byName('wildcard'), [['news.sport', `${p}.news.sport`],
         ['weather.sport', `${p}.weather.sport`]], 'wildcard subscription with EVENT.Details.topic');
      assert.equal(events.length, 6, 'one event per matching subscription, nothing else');
      await leave(a);
      await leave(b);
      await leave(publisher);
      return {events: events.length};
   },

   // ---- PubSub: event retention (advanced/pubsub_event_retention) ----
   async retention(url) {
      const p = `e2e.js.retain.${uniq()}`;
      const publisher = await connect(url);
      await publisher.session.publish(`${p}.r`, ['v1'], {}, {acknowledge: true, retain: true});
      await publisher.session.publish(`${p}.r`, ['v2'], {n: 2}, {acknowledge: true, retain: true});

      const late = await connect(url);
      const got = [];
      await late.session.subscribe(`${p}.r`, (args, kwargs, details) => got.push({args, kwargs, retained: details.retained}),
         {get_retained: true});
      await eventually(() => got.length >= 1, 10000, 'the retained event on subscribing with get_retained');
      await sleep(200);
      assert.deepEqual(got, [{args: ['v2'], kwargs: {n: 2}, retained: true}],
         'only the last retained event, marked EVENT.Details.retained=true');

      const plain = await connect(url);
      const gotPlain = [];
      await plain.session.subscribe(`${p}.r`, (args) => gotPlain.push(args[0]));
      await publisher.session.publish(`${p}.r`, ['v3'], {}, {acknowledge: true});
      await eventually(() => got.length === 2 && gotPlain.length === 1, 10000, 'v3 to both subscribers');
      assert.equal(got[1].retained, false, 'a live event is not marked retained');
      assert.deepEqual(gotPlain, ['v3'], 'no retained event without get_retained');

      // A publication without retain does not replace the retained one; a prefix subscription gets it too.
      const third = await connect(url);
      const gotThird = [];
      await third.session.subscribe(p, (args, kwargs, details) => gotThird.push({args, topic: details.topic,
         retained: details.retained}), {match: 'prefix', get_retained: true});
      await eventually(() => gotThird.length === 1, 10000, 'retained event for a prefix subscription');
      assert.deepEqual(gotThird, [{args: ['v2'], topic: `${p}.r`, retained: true}]);
      for (const peer of [publisher, late, plain, third]) {
         await leave(peer);
      }
      return {got: got.length};
   },

   // ---- race: the callee goes away in the middle of a progressive call ----
   async calleeLeavesDuringProgressiveCall(url) {
      const p = `e2e.js.race.${uniq()}`;
      const callee = await connect(url);
      const caller = await connect(url);
      let sent = 0;
      await callee.session.register(`${p}.stream`, async (args, kwargs, details) => {
         details.progress([++sent]);
         details.progress([++sent]);
         return new Promise(() => {});  // never finishes
      });
      const progress = [];
      const call = callWithProgress(caller.session, `${p}.stream`, [], {receive_progress: true},
         (r) => progress.push(argsOf(r)[0]));
      const request = lastSent(caller, MSG.CALL);
      await eventually(() => progress.length === 2, 10000, 'two progressive results');
      callee.drop();
      const error = await expectError(call, 'wamp.error.canceled', 'the call after its callee dropped');
      await sleep(200);
      const answers = wireFor(caller, request, MSG.RESULT, MSG.ERROR);
      assert.deepEqual(answers.map((m) => [m[0], Boolean(m[0] === MSG.RESULT && m[2].progress)]),
         [[MSG.RESULT, true], [MSG.RESULT, true], [MSG.ERROR, false]],
         `two progressive RESULTs, then exactly one ERROR: ${JSON.stringify(answers)}`);
      await leave(caller);
      return {progress, error: error.error};
   },

   // ---- race: subscribers go away while a publisher fans out ----
   async subscribersLeaveDuringFanOut(url) {
      const p = `e2e.js.fanout.${uniq()}`;
      const topic = `${p}.t`;
      const N = 20;
      const EVENTS = 400;
      const subs = await Promise.all(Array.from({length: N}, () => connect(url)));
      const received = subs.map(() => []);
      await Promise.all(subs.map((s, i) => s.session.subscribe(topic, (args) => received[i].push(args[0]))));
      const publisher = await connect(url);
      const acks = [];
      for (let n = 0; n < EVENTS; n++) {
         acks.push(publisher.session.publish(topic, [n], {}, {acknowledge: true}));
         if (n === EVENTS / 4) {
            subs.slice(0, N / 2).forEach((s) => s.drop());  // half the subscribers vanish mid-stream
         }
      }
      const publications = await withTimeout(Promise.all(acks), 20000, 'every publication acknowledged');
      assert.equal(publications.length, EVENTS);
      const stay = subs.slice(N / 2);
      await eventually(() => received.slice(N / 2).every((r) => r.length === EVENTS), 20000,
         'the remaining subscribers receive every event');
      stay.forEach((s, i) => assert.deepEqual(received[N / 2 + i], Array.from({length: EVENTS}, (_, k) => k),
         `subscriber ${N / 2 + i}: every event once, in publication order`));
      // The broker still works for newcomers.
      const newcomer = await connect(url);
      const fresh = [];
      await newcomer.session.subscribe(topic, (args) => fresh.push(args[0]));
      await publisher.session.publish(topic, ['after'], {}, {acknowledge: true});
      await eventually(() => fresh.length === 1, 10000, 'a new subscriber after the fan-out');
      for (const peer of [...stay, publisher, newcomer]) {
         await leave(peer);
      }
      return {events: EVENTS, remaining: stay.length};
   },
};

main(async ([scenario, ...args]) => {
   assert.ok(scenarios[scenario], `usage: node advanced.js <${Object.keys(scenarios).join('|')}> <ws-url>`);
   return scenarios[scenario](...args);
});
