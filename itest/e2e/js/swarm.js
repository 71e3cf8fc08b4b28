// Many concurrent sessions: node swarm.js <ws-url> [sessions=100]
// Each session joins realm1, subscribes to one shared topic, registers its own procedure, calls its neighbour's
// procedure and publishes once. Every call must return, every session must receive every other session's event
// exactly once (not its own: publisher exclusion), and all must leave with GOODBYE.
'use strict';

const {assert, uniq, withTimeout, connect, leave, eventually, main} = require('./lib/harness');

main(async ([url, count]) => {
   assert.ok(url, 'usage: node swarm.js <ws-url> [sessions]');
   const n = Number.parseInt(count || '100', 10);
   const p = `e2e.js.swarm.${uniq()}`;
   const topic = `${p}.topic`;
   const started = Date.now();

   const peers = await Promise.all(Array.from({length: n}, () => connect(url)));
   assert.equal(new Set(peers.map((peer) => peer.session.id)).size, n, 'distinct session ids');
   const joinedMs = Date.now() - started;

   const from = peers.map(() => new Set()); // publishers seen by each session
   const counts = peers.map(() => 0);       // events received, duplicates included
   const stray = [];
   await Promise.all(peers.map((peer, i) => Promise.all([
      peer.session.subscribe(topic, (args) => {
         counts[i] += 1;
         if (args[0] === i) {
            stray.push(`session ${i} got its own event`);
         }
         from[i].add(args[0]);
      }),
      peer.session.register(`${p}.proc.${i}`, (args) => ({callee: i, caller: args[0]})),
   ])));

   const results = await withTimeout(Promise.all(peers.map((peer, i) =>
      peer.session.call(`${p}.proc.${(i + 1) % n}`, [i]))), 30000, `${n} concurrent calls`);
   results.forEach((result, i) => assert.deepEqual(result, {callee: (i + 1) % n, caller: i}, `call by ${i}`));

   const publications = await withTimeout(Promise.all(peers.map((peer, i) =>
      peer.session.publish(topic, [i], {}, {acknowledge: true}))), 30000, `${n} acknowledged publications`);
   assert.equal(new Set(publications.map((pub) => pub.id)).size, n, 'distinct publication ids');

   await eventually(() => from.every((seen) => seen.size === n - 1), 30000,
      `every session receives the other ${n - 1} events`);
   // Give duplicates a moment to show up before counting.
   await new Promise((resolve) => setTimeout(resolve, 200));
   assert.deepEqual(stray, [], 'publisher exclusion');
   counts.forEach((c, i) => assert.equal(c, n - 1, `events received by session ${i}`));
   const deliveredMs = Date.now() - started;

   const reasons = await Promise.all(peers.map((peer) => leave(peer)));
   const clean = reasons.filter((reason) => reason === 'wamp.close.goodbye_and_out').length;
   assert.equal(clean, n, `GOODBYE replies: ${JSON.stringify([...new Set(reasons)])}`);

   return {sessions: n, calls: results.length, events: counts.reduce((x, y) => x + y, 0),
      eventsPerSession: n - 1, cleanLeaves: clean, joinedMs, deliveredMs, totalMs: Date.now() - started};
}, 90000);
