# WAMP serializers and transports with autobahn-python (issue 3): every serializer on every listener, and the
# cross-serializer matrix. Usage:
#   serializers.py transports <ws-url> <ws-unix-socket> <rawsocket host:port> <rawsocket-unix-socket>
#   serializers.py matrix <ws-url> <rawsocket host:port>
import asyncio

from autobahn.wamp import types

from harness import SERIALIZERS, Failure, check, check_eq, connect, eventually, main, uniq, within

# Values that must keep their exact value and type through any pair of serializers (WAMP basic/serializations):
# integers up to 2^53 (and the MsgPack/CBOR width boundaries), negative numbers, floats, unicode including
# characters outside the BMP, nested containers, null, and binary (JSON: "\u0000" + base64, MsgPack: bin,
# CBOR: byte string).
ARGS = [
    0, 1, -1, 23, 24, 127, 128, 255, 256, -24, -25, -32, -33, -128, -129, 65535, 65536, -32768, -32769,
    2 ** 31 - 1, 2 ** 31, -(2 ** 31), -(2 ** 31) - 1, 2 ** 32, 2 ** 53 - 1, 2 ** 53, -(2 ** 53),
    1.5, -0.25, 2.0, 3.141592653589793, 1e300, -1e-300,
    '', 'ascii', 'äöü ß €', '日本語', 'emoji 😀 clef 𝄞 (outside the BMP)', 'tab\tnewline\nquote"backslash\\',
    True, False, None,
    [], {}, [1, [2, [3, [4, []]]]], {'a': {'b': {'c': [1, 'x', None, {'d': 2.5}]}}},
    b'', b'\x00\x01\x02\xfe\xff', bytes(range(256)),
]
KWARGS = {
    'max_int': 2 ** 53,
    'min_int': -(2 ** 53),
    'float': -1234.5678,
    'unicode_ключ': '值 😀',
    'binary': b'\x00binary\xff',
    'null': None,
    'nested': {'list': [b'\x01', {'deep': [True, False, None]}], 'empty': {}},
}


def difference(actual, expected, path='$'):
    """None when equal in value and type (bool is not int, float is not int, bytes is not str), else where not."""
    if type(actual) is not type(expected):
        return '{}: expected {} {!r}, got {} {!r}'.format(path, type(expected).__name__, expected,
                                                          type(actual).__name__, actual)
    if isinstance(expected, list):
        if len(actual) != len(expected):
            return '{}: expected {} items, got {}: {!r}'.format(path, len(expected), len(actual), actual)
        for i, (a, e) in enumerate(zip(actual, expected)):
            d = difference(a, e, '{}[{}]'.format(path, i))
            if d:
                return d
        return None
    if isinstance(expected, dict):
        if set(actual) != set(expected):
            return '{}: expected keys {}, got {}'.format(path, sorted(expected), sorted(actual))
        for k in expected:
            d = difference(actual[k], expected[k], '{}.{}'.format(path, k))
            if d:
                return d
        return None
    if actual != expected:
        return '{}: expected {!r}, got {!r}'.format(path, expected, actual)
    return None


def check_same(actual, expected, what):
    d = difference(actual, expected)
    if d:
        raise Failure('{}: {}'.format(what, d))


def result_parts(result):
    if isinstance(result, types.CallResult):
        return list(result.results), dict(result.kwresults)
    return [result], {}


async def transports(ws_url, ws_unix, rs_address, rs_unix):
    p = 'e2e.py.ser.' + uniq()
    endpoints = [('ws', ws_url), ('ws+unix', ws_unix), ('rs', rs_address), ('rs+unix', rs_unix)]

    async def one(transport, address, serializer):
        name = '{}-{}'.format(transport, serializer).replace('+', '_')
        session = await connect(transport, address, serializer)
        details = session.joined.result()
        check_eq(details.serializer, serializer, name + ': serializer in use')
        received = []

        def echo(*args, **kwargs):
            received.append((list(args), kwargs))
            return types.CallResult(*args, **kwargs)

        procedure = '{}.{}.echo'.format(p, name)
        await within(session.register(echo, procedure), name + ': register')
        result = await within(session.call(procedure, *ARGS, **KWARGS), name + ': call')
        args, kwargs = result_parts(result)
        check_same(received[0][0], ARGS, name + ': args the callee received')
        check_same(received[0][1], KWARGS, name + ': kwargs the callee received')
        check_same(args, ARGS, name + ': args of the result')
        check_same(kwargs, KWARGS, name + ': kwargs of the result')

        events = []
        topic = '{}.{}.news'.format(p, name)
        await within(session.subscribe(lambda *a, **kw: events.append((list(a), kw)), topic), name + ': subscribe')
        await within(session.publish(topic, *ARGS, options=types.PublishOptions(acknowledge=True, exclude_me=False),
                                     **KWARGS), name + ': publish')
        await eventually(lambda: len(events) == 1, name + ': the own event (exclude_me=false)')
        check_same(events[0][0], ARGS, name + ': event args')
        check_same(events[0][1], KWARGS, name + ': event kwargs')
        check_eq(await session.close(), 'wamp.close.goodbye_and_out', name + ': GOODBYE reason')
        return name

    names = await asyncio.gather(*[one(t, a, s) for t, a in endpoints for s in SERIALIZERS])
    return {'combinations': sorted(names)}


async def matrix(ws_url, rs_address):
    """Callers on WebSocket, callees and subscribers on RawSocket, one of each per serializer: 9 pairs."""
    p = 'e2e.py.matrix.' + uniq()
    received = {}
    callees = {}
    for serializer in SERIALIZERS:
        callee = await connect('rs', rs_address, serializer)
        callees[serializer] = callee

        def echo(*args, _serializer=serializer, **kwargs):
            received.setdefault(_serializer, []).append((list(args), kwargs))
            return types.CallResult(*args, **kwargs)

        await within(callee.register(echo, '{}.echo.{}'.format(p, serializer)), 'register ' + serializer)
    callers = {s: await connect('ws', ws_url, s) for s in SERIALIZERS}

    pairs = []
    for caller_ser, caller in callers.items():
        for callee_ser in SERIALIZERS:
            pair = '{} caller -> {} callee'.format(caller_ser, callee_ser)
            before = len(received.get(callee_ser, []))
            result = await within(caller.call('{}.echo.{}'.format(p, callee_ser), *ARGS, **KWARGS), pair)
            got = received[callee_ser][before]
            check_same(got[0], ARGS, pair + ': args at the callee')
            check_same(got[1], KWARGS, pair + ': kwargs at the callee')
            args, kwargs = result_parts(result)
            check_same(args, ARGS, pair + ': args back at the caller')
            check_same(kwargs, KWARGS, pair + ': kwargs back at the caller')
            pairs.append(pair)

    # One publication reaches subscribers on every serializer with the same values (each EVENT is encoded once
    # per serializer).
    topic = p + '.news'
    events = {s: [] for s in SERIALIZERS}
    for serializer, subscriber in callees.items():
        await within(subscriber.subscribe(lambda *a, _s=serializer, **kw: events[_s].append((list(a), kw)), topic),
                     'subscribe ' + serializer)
    for publisher_ser, publisher in callers.items():
        await within(publisher.publish(topic, *ARGS, options=types.PublishOptions(acknowledge=True), **KWARGS),
                     'publish over ' + publisher_ser)
    await eventually(lambda: all(len(e) == len(SERIALIZERS) for e in events.values()),
                     'every subscriber receives every publication')
    for subscriber_ser, got in events.items():
        for i, (args, kwargs) in enumerate(got):
            what = 'event {} at the {} subscriber'.format(i, subscriber_ser)
            check_same(args, ARGS, what + ': args')
            check_same(kwargs, KWARGS, what + ': kwargs')

    for session in list(callers.values()) + list(callees.values()):
        check_eq(await session.close(), 'wamp.close.goodbye_and_out', 'GOODBYE reason')
    check(len(pairs) == 9, 'nine pairs')
    return {'pairs': pairs, 'events': {s: len(e) for s, e in events.items()}}


if __name__ == '__main__':
    main({'transports': transports, 'matrix': matrix})
