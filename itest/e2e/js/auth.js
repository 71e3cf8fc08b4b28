// Authentication with AutobahnJS (issue 5): node auth.js '<config json>' (ConfiguredNode.Configured#scriptConfig)
// ticket, WAMP-CRA (plain and salted, with AutobahnJS's own derive_key) and cryptosign (tweetnacl, from the seed of a
// key pair the test generated with the JDK) into realm e2e.app on the listener 'static'; a wrong ticket and a wrong
// method are refused with ABORT. (autobahn-python covers the failure cases in depth: py/auth.py.)
'use strict';

const {autobahn, assert, connect, expectAbort, leave, main} = require('./lib/harness');

const REALM = 'e2e.app';

function welcome(peer) {
   const d = peer.details;
   return {authid: d.authid, authrole: d.authrole, authmethod: d.authmethod, authprovider: d.authprovider};
}

async function joinAndLeave(url, options) {
   const peer = await connect(url, REALM, options);
   const w = welcome(peer);
   await leave(peer);
   return w;
}

main(async ([configJson]) => {
   const cfg = JSON.parse(configJson);
   const url = cfg.static_ws;

   const ticket = await joinAndLeave(url, {authmethods: ['ticket'], authid: 'joe',
      onchallenge: (session, method) => {
         assert.equal(method, 'ticket');
         return 'joe-secret';
      }});
   assert.deepEqual(ticket, {authid: 'joe', authrole: 'user', authmethod: 'ticket', authprovider: 'static'});

   const cra = await joinAndLeave(url, {authmethods: ['wampcra'], authid: 'alice',
      onchallenge: (session, method, extra) => autobahn.auth_cra.sign('alice-secret', extra.challenge)});
   assert.deepEqual(cra, {authid: 'alice', authrole: 'user', authmethod: 'wampcra', authprovider: 'static'});

   const salted = await joinAndLeave(url, {authmethods: ['wampcra'], authid: 'salty',
      onchallenge: (session, method, extra) => {
         assert.ok(extra.salt && extra.iterations && extra.keylen, `salted challenge: ${JSON.stringify(extra)}`);
         const key = autobahn.auth_cra.derive_key(cfg.salty_password, extra.salt, extra.iterations, extra.keylen);
         return autobahn.auth_cra.sign(key, extra.challenge);
      }});
   assert.equal(salted.authid, 'salty');

   const key = autobahn.nacl.sign.keyPair.fromSeed(autobahn.util.htob(cfg.carol_seed));
   assert.equal(autobahn.util.btoh(key.publicKey), cfg.carol_pubkey, 'tweetnacl derives the same public key');
   const cryptosign = await joinAndLeave(url, {authmethods: ['cryptosign'], authid: 'carol',
      authextra: {pubkey: autobahn.util.btoh(key.publicKey)},
      onchallenge: (session, method, extra) => autobahn.auth_cryptosign.sign_challenge(key, extra)});
   assert.deepEqual(cryptosign, {authid: 'carol', authrole: 'user', authmethod: 'cryptosign', authprovider: 'static'});

   const wrong = await expectAbort(url, REALM, {authmethods: ['ticket'], authid: 'joe',
      onchallenge: () => 'not-the-secret'});
   assert.equal(wrong.reason, 'wamp.error.authentication_failed', `wrong ticket: ${JSON.stringify(wrong)}`);
   const method = await expectAbort(url, REALM, {});
   assert.equal(method.reason, 'wamp.error.no_matching_auth_method', `anonymous: ${JSON.stringify(method)}`);

   return {ticket, cra, salted, cryptosign, wrong, method};
});
