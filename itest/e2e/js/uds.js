// WAMP over WebSocket on the node's Unix domain socket: node uds.js <ws+unix-url> <ws-url>
// The ws package (under AutobahnJS in Node) takes ws+unix:///path/to/socket:/request-path URLs. A session on the
// Unix socket and one on TCP call and publish to each other through the same realm.
'use strict';

const {autobahn, assert, uniq, withTimeout, connect, leave, eventually, main} = require('./lib/harness');

main(async ([unixUrl, tcpUrl]) => {
   assert.ok(unixUrl && unixUrl.startsWith('ws+unix://') && tcpUrl, 'usage: node uds.js <ws+unix-url> <ws-url>');
   const p = `e2e.js.uds.${uniq()}`;
   const u = await connect(unixUrl);
   const t = await connect(tcpUrl);

   await u.session.register(`${p}.echo`, (args, kwargs) => new autobahn.Result(args, kwargs));
   const events = [];
   await u.session.subscribe(`${p}.topic`, (args) => events.push(args));

   const fromTcp = await withTimeout(t.session.call(`${p}.echo`, ['over', 'tcp'], {via: 'tcp'}), 10000,
      'TCP caller to Unix-socket callee');
   assert.deepEqual([fromTcp.args, fromTcp.kwargs], [['over', 'tcp'], {via: 'tcp'}]);
   const fromUnix = await withTimeout(u.session.call(`${p}.echo`, ['over', 'unix'], {via: 'unix'}), 10000,
      'Unix-socket caller to itself');
   assert.deepEqual([fromUnix.args, fromUnix.kwargs], [['over', 'unix'], {via: 'unix'}]);

   await t.session.publish(`${p}.topic`, ['from tcp'], {}, {acknowledge: true});
   await u.session.publish(`${p}.topic`, ['from unix'], {}, {acknowledge: true, exclude_me: false});
   await eventually(() => events.length === 2, 10000, 'both events on the Unix-socket session');
   assert.deepEqual(events.map((e) => e[0]).sort(), ['from tcp', 'from unix']);

   const goodbye = await leave(u);
   assert.equal(goodbye, 'wamp.close.goodbye_and_out');
   await leave(t);
   return {transport: u.details.transport ? u.details.transport.type : null, url: unixUrl, calls: 2,
      events: events.length, goodbye};
});
