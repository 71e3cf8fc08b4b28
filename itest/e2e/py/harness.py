# Shared helpers for the autobahn-python scenarios (Debian's python3-autobahn 22.7, asyncio flavour), run with
# /usr/bin/python3. Every wait is bounded; a failure prints FAIL and exits 1, success prints RESULT <json> and exits
# 0, so the JUnit side only checks the exit code and the RESULT line (same contract as js/lib/harness.js).
import asyncio
import json
import os
import random
import string
import sys
import time
import traceback
from urllib.parse import urlparse

import txaio

txaio.use_asyncio()

from autobahn.asyncio.rawsocket import WampRawSocketClientFactory, WampRawSocketClientProtocol  # noqa: E402
from autobahn.asyncio.wamp import ApplicationSession  # noqa: E402
from autobahn.asyncio.websocket import WampWebSocketClientFactory  # noqa: E402
from autobahn.wamp import serializer as _ser  # noqa: E402
from autobahn.wamp import types  # noqa: E402
from autobahn.wamp.exception import ApplicationError  # noqa: E402

REALM = 'realm1'
STEP_TIMEOUT = 10.0

# autobahn-python 22.7's asyncio RawSocket client protocol has no `transport_details` (crossbario/autobahn-python
# #1592): joining over RawSocket fails in Session.onMessage(WELCOME) with AttributeError. The protocol does create
# `_transport_details` in connection_made; expose it the way the WebSocket protocol does.
if not hasattr(WampRawSocketClientProtocol, 'transport_details'):
    WampRawSocketClientProtocol.transport_details = property(lambda self: getattr(self, '_transport_details', None))

SERIALIZERS = {
    'json': _ser.JsonSerializer,
    'msgpack': _ser.MsgPackSerializer,
    'cbor': _ser.CBORSerializer,
}


class Failure(AssertionError):
    pass


def check(condition, what):
    if not condition:
        raise Failure(what)


def check_eq(actual, expected, what):
    if actual != expected:
        raise Failure('{}: expected {!r}, got {!r}'.format(what, expected, actual))


def uniq():
    return 't' + format(int(time.time() * 1000), 'x') + ''.join(random.choice(string.ascii_lowercase) for _ in range(5))


async def within(awaitable, what, timeout=STEP_TIMEOUT):
    try:
        return await asyncio.wait_for(awaitable, timeout)
    except asyncio.TimeoutError:
        raise Failure('timed out after {} s: {}'.format(timeout, what)) from None


async def eventually(condition, what, timeout=STEP_TIMEOUT):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise Failure('timed out after {} s: {}'.format(timeout, what))
        await asyncio.sleep(0.01)


async def expect_error(awaitable, uri, what):
    try:
        result = await within(awaitable, what)
    except ApplicationError as e:
        check_eq(e.error, uri, what + ': error URI')
        return e
    raise Failure('{}: expected ERROR {}, got result {!r}'.format(what, uri, result))


class Client(ApplicationSession):
    """An ApplicationSession that exposes join/leave as futures and records every message it receives (`wire`)."""

    def __init__(self, config, authmethods=None, authid=None, authextra=None, on_challenge=None):
        super().__init__(config)
        loop = asyncio.get_event_loop()
        self.joined = loop.create_future()
        self.left = loop.create_future()
        self.disconnected = loop.create_future()
        self.wire = []
        self.wire_times = []
        self.challenges = []
        self._authmethods = authmethods
        self._authid = authid
        self._authextra = authextra
        self._on_challenge = on_challenge

    def onConnect(self):
        self.join(self.config.realm, authmethods=self._authmethods, authid=self._authid, authextra=self._authextra)

    def onChallenge(self, challenge):
        self.challenges.append(challenge)
        if self._on_challenge is None:
            raise Exception('no challenge handler for ' + challenge.method)
        return self._on_challenge(challenge)

    def onMessage(self, msg):
        self.wire.append(msg)
        self.wire_times.append(time.monotonic())
        return super().onMessage(msg)

    def received(self, kinds, request):
        """[(monotonic time, message)] of the given message classes that answer `request` (ERROR: its request)."""
        return [(t, m) for t, m in zip(self.wire_times, self.wire)
                if isinstance(m, kinds) and getattr(m, 'request', None) == request]

    def last_call_request(self):
        """The request id of the CALL this session sent last (autobahn keeps pending calls by request id)."""
        return max(self._call_reqs)

    def onJoin(self, details):
        if not self.joined.done():
            self.joined.set_result(details)

    def onLeave(self, details):
        if not self.left.done():
            self.left.set_result(details)
        self.disconnect()

    def onDisconnect(self):
        if not self.left.done():
            self.left.set_result(types.CloseDetails(reason='transport_lost'))
        if not self.disconnected.done():
            self.disconnected.set_result(True)

    def drop(self):
        """Aborts the connection (TCP reset where possible): no GOODBYE, no WebSocket/RawSocket close."""
        transport = self._transport.transport
        sock = transport.get_extra_info('socket')
        if sock is not None:
            import socket
            import struct
            try:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
            except OSError:
                pass
        transport.abort()

    async def close(self):
        """Leaves with GOODBYE if still joined and waits for the router's answer; returns the close reason."""
        if self.joined.done() and not self.left.done() and self.is_attached():
            self.leave()
        details = await within(self.left, 'leaving')
        return details.reason


async def open_session(transport, address, serializer='json', realm=REALM, local_addr=None, **auth):
    """Connects and returns the Client once WELCOME or ABORT (or a lost connection) happened.

    transport: 'ws' (address ws://host:port/path), 'ws+unix' (address: socket path), 'rs' (address host:port),
    'rs+unix' (address: socket path).
    """
    loop = asyncio.get_running_loop()
    session = Client(types.ComponentConfig(realm=realm), **auth)
    ser = SERIALIZERS[serializer]()
    if transport == 'ws':
        url = urlparse(address)
        factory = WampWebSocketClientFactory(lambda: session, url=address, serializers=[ser])
        connecting = loop.create_connection(factory, url.hostname, url.port, local_addr=local_addr)
    elif transport == 'ws+unix':
        factory = WampWebSocketClientFactory(lambda: session, url='ws://localhost/ws', serializers=[ser])
        connecting = loop.create_unix_connection(factory, address)
    elif transport == 'rs':
        host, port = address.rsplit(':', 1)
        factory = WampRawSocketClientFactory(lambda: session, serializer=ser)
        connecting = loop.create_connection(factory, host, int(port), local_addr=local_addr)
    elif transport == 'rs+unix':
        factory = WampRawSocketClientFactory(lambda: session, serializer=ser)
        connecting = loop.create_unix_connection(factory, address)
    else:
        raise ValueError('unknown transport ' + transport)
    await within(connecting, 'connecting to {} {}'.format(transport, address))
    await within(asyncio.wait([session.joined, session.left], return_when=asyncio.FIRST_COMPLETED),
                 'WELCOME or ABORT from {} {} ({})'.format(transport, address, serializer))
    return session


async def connect(transport, address, serializer='json', realm=REALM, **kwargs):
    """Like open_session, but fails unless the session is established."""
    session = await open_session(transport, address, serializer, realm, **kwargs)
    if not session.joined.done():
        details = session.left.result()
        raise Failure('no session at {} {} ({}, realm {}): {} {}'.format(transport, address, serializer, realm,
                                                                        details.reason, details.message))
    return session


async def expect_abort(transport, address, serializer='json', realm=REALM, **kwargs):
    """Connects and expects ABORT; returns the CloseDetails (reason, message)."""
    session = await open_session(transport, address, serializer, realm, **kwargs)
    if session.joined.done():
        await session.close()
        raise Failure('expected ABORT, but the session was established: {}'.format(session.joined.result()))
    return session.left.result()


def main(scenarios, overall_timeout=60.0):
    """Runs scenarios[argv[1]](*argv[2:]); prints RESULT <json> and exits 0, or FAIL and exits 1."""
    name = sys.argv[1] if len(sys.argv) > 1 else None
    if name not in scenarios:
        print('FAIL: usage: {} <{}> args...'.format(sys.argv[0], '|'.join(sorted(scenarios))), flush=True)
        sys.exit(2)
    txaio.start_logging(level='critical')

    async def run():
        return await asyncio.wait_for(scenarios[name](*sys.argv[2:]), overall_timeout)

    try:
        result = asyncio.run(run())
    except asyncio.TimeoutError:
        print('FAIL: the scenario did not finish within {} s'.format(overall_timeout), flush=True)
        os._exit(1)
    except BaseException:  # noqa: B902 - the failure is the output
        print('FAIL: ' + traceback.format_exc(), flush=True)
        os._exit(1)
    print('RESULT ' + json.dumps(result, default=repr), flush=True)
    os._exit(0)
