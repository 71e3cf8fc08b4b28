// Joins and waits for the router to end the session: node await-shutdown.js <ws-url>
// Prints "JOINED <session id>" once joined, then RESULT with the close reason when the router says GOODBYE.
'use strict';

const {assert, connect, main} = require('./lib/harness');

main(async ([url]) => {
   assert.ok(url, 'usage: node await-shutdown.js <ws-url>');
   const peer = await connect(url);
   console.log(`JOINED ${peer.session.id}`);
   const {reason, details} = await peer.closed; // bounded by main()'s watchdog
   return {connection: reason, reason: details.reason, message: details.message};
});
