# Authentication and authorization with autobahn-python (issue 5), against listeners and realms that the test
# configured (ConfiguredNode). Usage: auth.py <scenario> '<config json>'
#
# Failed authentications are throttled per source address (RouterCore: 20 per minute), so each scenario connects
# from an address of its own on the loopback network (127.0.0.N) and none disturbs the others.
import asyncio
import json

from autobahn.wamp import types
from autobahn.wamp.auth import compute_wcs, derive_key
from autobahn.wamp.cryptosign import CryptosignKey
from autobahn.wamp.exception import ApplicationError

from harness import (Failure, check, check_eq, connect, eventually, expect_abort, expect_error, main, open_session,
                     uniq, within)

APP = 'e2e.app'
AUTHN = 'e2e.authn'
AUTHZ = 'e2e.authz'
FAILED = 'wamp.error.authentication_failed'
NO_METHOD = 'wamp.error.no_matching_auth_method'


def ticket(secret):
    return lambda challenge: secret


def wampcra(secret=None, password=None):
    """Signs a WAMP-CRA challenge with the secret, or with the key derived from the password (salted)."""
    def sign(challenge):
        extra = challenge.extra
        if 'salt' in extra:
            key = derive_key(password, extra['salt'], extra['iterations'], extra['keylen'])
        else:
            key = secret
        return compute_wcs(key, extra['challenge']).decode('ascii')
    return sign


def cryptosign(key):
    return lambda challenge: key.sign_challenge(challenge)


def welcome_of(session):
    d = session.joined.result()
    return {'authid': d.authid, 'authrole': d.authrole, 'authmethod': d.authmethod, 'authprovider': d.authprovider,
            'authextra': d.authextra}


async def joins(address, what, transport='ws', realm=APP, source=None, **auth):
    session = await open_session(transport, address, realm=realm, local_addr=(source, 0) if source else None, **auth)
    if not session.joined.done():
        details = session.left.result()
        raise Failure('{}: expected WELCOME, got ABORT {} {}'.format(what, details.reason, details.message))
    welcome = welcome_of(session)
    await session.close()
    return welcome


async def aborts(address, what, reason, transport='ws', realm=APP, source=None, **auth):
    details = await expect_abort(transport, address, realm=realm, local_addr=(source, 0) if source else None, **auth)
    check_eq(details.reason, reason, what + ': ABORT reason')
    return {'reason': details.reason, 'message': details.message}


async def ticket_scenario(cfg):
    ws, src = cfg['static_ws'], '127.0.0.2'
    joe = await joins(ws, 'ticket joe', source=src, authmethods=['ticket'], authid='joe', on_challenge=ticket('joe-secret'))
    check_eq(joe, {'authid': 'joe', 'authrole': 'user', 'authmethod': 'ticket', 'authprovider': 'static',
                   'authextra': joe['authextra']}, 'WELCOME of joe')
    hashed = await joins(ws, 'ticket stored as $pbkdf2-sha256$', source=src, authmethods=['ticket'], authid='hashed',
                         on_challenge=ticket(cfg['hashed_ticket']))
    check_eq(hashed['authid'], 'hashed', 'authid of the hashed-ticket principal')
    wrong = await aborts(ws, 'wrong ticket', FAILED, source=src, authmethods=['ticket'], authid='joe',
                         on_challenge=ticket('not-the-secret'))
    unknown = await aborts(ws, 'unknown authid', FAILED, source=src, authmethods=['ticket'], authid='nobody-' + uniq(),
                           on_challenge=ticket('joe-secret'))
    check_eq(unknown, wrong, 'ABORT for an unknown authid is the same as for a wrong ticket (no hint)')
    anonymous = await aborts(ws, 'ticket without authid', FAILED, source=src, authmethods=['ticket'],
                             on_challenge=ticket('joe-secret'))
    return {'joe': joe, 'wrong': wrong, 'unknown': unknown, 'without_authid': anonymous}


async def wampcra_scenario(cfg):
    ws, src = cfg['static_ws'], '127.0.0.3'
    alice = await joins(ws, 'wampcra alice', source=src, authmethods=['wampcra'], authid='alice',
                        on_challenge=wampcra('alice-secret'))
    check_eq((alice['authid'], alice['authrole'], alice['authmethod']), ('alice', 'user', 'wampcra'), 'WELCOME of alice')
    salted_session = await connect('ws', ws, realm=APP, local_addr=(src, 0), authmethods=['wampcra'], authid='salty',
                                   on_challenge=wampcra(password=cfg['salty_password']))
    salty = welcome_of(salted_session)
    salted_keys = sorted(salted_session.challenges[0].extra)
    await salted_session.close()
    check_eq(salty['authid'], 'salty', 'salted WAMP-CRA')
    wrong = await aborts(ws, 'wampcra wrong secret', FAILED, source=src, authmethods=['wampcra'], authid='alice',
                         on_challenge=wampcra('not-the-secret'))
    wrong_salted = await aborts(ws, 'wampcra wrong password', FAILED, source=src, authmethods=['wampcra'],
                                authid='salty', on_challenge=wampcra(password='not-the-password'))
    # An unknown authid is challenged like any other and fails only at the end (no hint that it does not exist).
    # The realm has salted users, so an unknown authid's CHALLENGE carries salt parameters as theirs do.
    session = await open_session('ws', ws, realm=APP, local_addr=(src, 0), authmethods=['wampcra'],
                                 authid='nobody-' + uniq(), on_challenge=wampcra('whatever', password='whatever'))
    check(not session.joined.done(), 'an unknown wampcra authid must not get in')
    check_eq([c.method for c in session.challenges], ['wampcra'], 'an unknown authid gets a CHALLENGE too')
    check('challenge' in session.challenges[0].extra, 'the CHALLENGE has extra.challenge')
    unknown = {'reason': session.left.result().reason, 'message': session.left.result().message}
    check_eq(unknown, wrong, 'ABORT for an unknown authid is the same as for a wrong secret (no hint)')
    check_eq(sorted(session.challenges[0].extra), salted_keys,
             'an unknown authid gets the same CHALLENGE keys as a salted user (no hint which authids exist)')
    return {'alice': alice, 'salty': salty, 'wrong': wrong, 'wrong_salted': wrong_salted, 'unknown': unknown,
            'unknown_challenge_keys': sorted(session.challenges[0].extra), 'salted_challenge_keys': salted_keys}


async def cryptosign_scenario(cfg):
    ws, rs, src = cfg['static_ws'], cfg['static_rs'], '127.0.0.4'
    carol = CryptosignKey.from_bytes(bytes.fromhex(cfg['carol_seed']))
    check_eq(carol.public_key(), cfg['carol_pubkey'], 'the public key derived from the seed (JDK vs PyNaCl)')
    other = CryptosignKey.from_bytes(bytes.fromhex(cfg['other_seed']))
    welcome = await joins(ws, 'cryptosign carol', source=src, authmethods=['cryptosign'], authid='carol',
                          authextra={'pubkey': carol.public_key()}, on_challenge=cryptosign(carol))
    check_eq((welcome['authid'], welcome['authrole'], welcome['authmethod']), ('carol', 'user', 'cryptosign'),
             'WELCOME of carol')
    by_key = await joins(ws, 'cryptosign without authid', source=src, authmethods=['cryptosign'],
                         authextra={'pubkey': carol.public_key()}, on_challenge=cryptosign(carol))
    check_eq(by_key['authid'], 'carol', 'the principal found by its public key')
    over_rawsocket = await joins(rs, 'cryptosign over RawSocket', transport='rs', source=src,
                                 authmethods=['cryptosign'], authid='carol', authextra={'pubkey': carol.public_key()},
                                 on_challenge=cryptosign(carol))
    unknown_key = await aborts(ws, 'an unknown key', FAILED, source=src, authmethods=['cryptosign'],
                               authextra={'pubkey': other.public_key()}, on_challenge=cryptosign(other))
    wrong_authid = await aborts(ws, 'a known key for another authid', FAILED, source=src, authmethods=['cryptosign'],
                                authid='mallory', authextra={'pubkey': carol.public_key()},
                                on_challenge=cryptosign(carol))
    forged = await aborts(ws, "carol's public key, signed with another key", FAILED, source=src,
                          authmethods=['cryptosign'], authid='carol', authextra={'pubkey': carol.public_key()},
                          on_challenge=cryptosign(other))
    check_eq(unknown_key, forged, 'the same ABORT whether the key is unknown or the signature wrong')
    return {'carol': welcome, 'by_key': by_key, 'rawsocket': over_rawsocket, 'unknown_key': unknown_key,
            'wrong_authid': wrong_authid, 'forged': forged}


async def methods_scenario(cfg):
    ws, src = cfg['static_ws'], '127.0.0.5'
    anonymous = await aborts(ws, 'anonymous on a listener that requires authentication', NO_METHOD, source=src)
    scram = await aborts(ws, 'a method the listener does not offer', NO_METHOD, source=src, authmethods=['scram'],
                         authid='joe', on_challenge=ticket('x'))
    carol = CryptosignKey.from_bytes(bytes.fromhex(cfg['carol_seed']))
    no_cryptosign = await aborts(cfg['dynamic_ws'], 'cryptosign on a listener with ticket and wampcra only', NO_METHOD,
                                 source=src, authmethods=['cryptosign'], authid='carol',
                                 authextra={'pubkey': carol.public_key()}, on_challenge=cryptosign(carol))
    both = {'ticket': 'both-ticket', 'wampcra': 'both-secret'}

    def answer(challenge):
        return both['ticket'] if challenge.method == 'ticket' else wampcra(both['wampcra'])(challenge)

    first_cra = await joins(ws, 'wampcra first', source=src, authmethods=['wampcra', 'ticket'], authid='both',
                            on_challenge=answer)
    first_ticket = await joins(ws, 'ticket first', source=src, authmethods=['ticket', 'wampcra'], authid='both',
                               on_challenge=answer)
    check_eq((first_cra['authmethod'], first_ticket['authmethod']), ('wampcra', 'ticket'),
             "the client's authmethods order is honoured")
    skipped = await joins(ws, 'an unknown method before a known one', source=src, authmethods=['scram', 'ticket'],
                          authid='both', on_challenge=answer)
    check_eq(skipped['authmethod'], 'ticket', 'methods the listener does not offer are skipped')
    return {'anonymous': anonymous, 'scram': scram, 'no_cryptosign': no_cryptosign,
            'order': [first_cra['authmethod'], first_ticket['authmethod']]}


async def throttle_scenario(cfg):
    """RouterCore: 20 failed authentications per source and minute, then the source has to wait."""
    ws, src = cfg['static_ws'], '127.0.0.9'
    for i in range(20):
        await aborts(ws, 'failure {}'.format(i + 1), FAILED, source=src, authmethods=['ticket'], authid='joe',
                     on_challenge=ticket('wrong-{}'.format(i)))
    blocked = await aborts(ws, 'the right ticket from a throttled source', FAILED, source=src,
                           authmethods=['ticket'], authid='joe', on_challenge=ticket('joe-secret'))
    elsewhere = await joins(ws, 'the right ticket from another source', source='127.0.0.10', authmethods=['ticket'],
                            authid='joe', on_challenge=ticket('joe-secret'))
    return {'blocked': blocked, 'elsewhere': elsewhere['authid']}


async def dynamic_scenario(cfg):
    """A component decides (Crossbar's dynamic authenticator): the router calls e2e.authn.authenticate."""
    ws, src = cfg['dynamic_ws'], '127.0.0.6'
    component = await connect('ws', cfg['ws'], realm=AUTHN)
    asked = []

    def authenticate(realm, authid, details):
        asked.append({'realm': realm, 'authid': authid, 'authmethod': details.get('authmethod'),
                      'ticket': details.get('ticket'), 'session': details.get('session')})
        method = details.get('authmethod')
        if method == 'ticket':
            if authid == 'dyn-joe' and details.get('ticket') == 'letmein':
                return {'role': 'user', 'extra': {'greeting': 'hello joe'}}
            if authid == 'dyn-plain' and details.get('ticket') == 'letmein':
                return 'user'
            if authid == 'dyn-renamed' and details.get('ticket') == 'letmein':
                return {'role': 'user', 'authid': 'renamed-by-authenticator'}
            if authid == 'dyn-custom':
                raise ApplicationError('e2e.error.go_away', 'not you')
            raise ApplicationError(FAILED, 'invalid ticket')
        if method == 'wampcra' and authid == 'dyn-cra':
            return {'secret': 'dyn-cra-secret', 'role': 'user'}
        raise ApplicationError(FAILED, 'unknown')

    await within(component.register(authenticate, 'e2e.authn.authenticate'), 'register the authenticator')
    joe = await joins(ws, 'dynamic ticket', source=src, authmethods=['ticket'], authid='dyn-joe',
                      on_challenge=ticket('letmein'))
    check_eq((joe['authid'], joe['authrole'], joe['authmethod'], joe['authprovider']),
             ('dyn-joe', 'user', 'ticket', 'dynamic'), 'WELCOME after the authenticator said yes')
    check_eq(joe['authextra'], {'greeting': 'hello joe'}, "WELCOME.Details.authextra from the authenticator's extra")
    check_eq(asked[0]['realm'], APP, 'the authenticator is told the realm')
    check_eq((asked[0]['authid'], asked[0]['authmethod'], asked[0]['ticket']), ('dyn-joe', 'ticket', 'letmein'),
             'the authenticator is told authid, authmethod and the ticket')
    check(isinstance(asked[0]['session'], int), 'the authenticator is told the session id')
    plain = await joins(ws, 'authenticator answering a role name', source=src, authmethods=['ticket'],
                        authid='dyn-plain', on_challenge=ticket('letmein'))
    check_eq(plain['authrole'], 'user', 'role from a plain string answer')
    renamed = await joins(ws, 'authenticator renaming the authid', source=src, authmethods=['ticket'],
                          authid='dyn-renamed', on_challenge=ticket('letmein'))
    check_eq(renamed['authid'], 'renamed-by-authenticator', 'authid from the authenticator')
    refused = await aborts(ws, 'authenticator refusing', FAILED, source=src, authmethods=['ticket'], authid='dyn-joe',
                           on_challenge=ticket('wrong'))
    custom = await aborts(ws, 'authenticator raising its own error', 'e2e.error.go_away', source=src,
                          authmethods=['ticket'], authid='dyn-custom', on_challenge=ticket('x'))
    cra = await joins(ws, 'dynamic wampcra', source=src, authmethods=['wampcra'], authid='dyn-cra',
                      on_challenge=wampcra('dyn-cra-secret'))
    check_eq((cra['authmethod'], cra['authprovider']), ('wampcra', 'dynamic'), 'dynamic WAMP-CRA')
    cra_wrong = await aborts(ws, 'dynamic wampcra, wrong secret', FAILED, source=src, authmethods=['wampcra'],
                             authid='dyn-cra', on_challenge=wampcra('nope'))
    await component.close()
    # Without the authenticator nobody gets in. The router forwards the dealer's ERROR (no_such_procedure), as
    # Crossbar does with any ApplicationError from the authenticator call; authentication_failed would say less.
    gone = await expect_abort('ws', ws, realm=APP, local_addr=(src, 0), authmethods=['ticket'], authid='dyn-joe',
                              on_challenge=ticket('letmein'))
    check(gone.reason in (FAILED, 'wamp.error.no_such_procedure'),
          'no authenticator registered: ABORT reason {}'.format(gone.reason))
    gone = {'reason': gone.reason, 'message': gone.message}
    return {'joe': joe, 'refused': refused, 'custom': custom, 'cra': cra['authid'], 'cra_wrong': cra_wrong,
            'gone': gone, 'asked': len(asked)}


async def authorization_scenario(cfg):
    """Roles of realm e2e.authz (ConfiguredNode): user may call e2e.authz.call.*, register e2e.authz.reg.*, publish
    e2e.authz.pub.*, subscribe e2e.authz.sub.*; backend may do everything; dynuser asks e2e.authz.authorize."""
    ws, src = cfg['static_ws'], '127.0.0.8'
    p = uniq()
    user = await connect('ws', ws, realm=AUTHZ, local_addr=(src, 0), authmethods=['ticket'], authid='joe',
                         on_challenge=ticket('joe-secret'))
    backend = await connect('ws', ws, realm=AUTHZ, local_addr=(src, 0), authmethods=['ticket'], authid='backend',
                            on_challenge=ticket('backend-secret'))
    check_eq(user.joined.result().authrole, 'user', 'role of joe')
    denied = 'wamp.error.not_authorized'
    invoked = []
    outcome = {}

    # call
    await within(backend.register(lambda: invoked.append('call.ok') or 'called', 'e2e.authz.call.{}.ok'.format(p)),
                 'backend registers')
    await within(backend.register(lambda: invoked.append('reg.c') or 'called', 'e2e.authz.reg.{}.c'.format(p)),
                 'backend registers')
    check_eq(await within(user.call('e2e.authz.call.{}.ok'.format(p)), 'allowed call'), 'called', 'allowed call')
    await expect_error(user.call('e2e.authz.reg.{}.c'.format(p)), denied, 'call without the call permission')
    check_eq(invoked, ['call.ok'], 'a denied call never reaches the callee')
    outcome['call'] = 'allowed and denied'

    # register
    await within(user.register(lambda: 'user answers', 'e2e.authz.reg.{}.r'.format(p)), 'allowed register')
    check_eq(await within(backend.call('e2e.authz.reg.{}.r'.format(p)), 'call it'), 'user answers', 'allowed register')
    await expect_error(user.register(lambda: 'no', 'e2e.authz.call.{}.r'.format(p)), denied,
                       'register without the register permission')
    await expect_error(backend.call('e2e.authz.call.{}.r'.format(p)), 'wamp.error.no_such_procedure',
                       'a denied registration does not exist')
    check_eq(await within(backend.call('wamp.registration.lookup', 'e2e.authz.call.{}.r'.format(p)), 'lookup'), None,
             'registration meta: nothing registered')
    outcome['register'] = 'allowed and denied'

    # subscribe
    got = []
    await within(user.subscribe(lambda x: got.append(x), 'e2e.authz.sub.{}.s'.format(p)), 'allowed subscribe')
    await expect_error(user.subscribe(lambda x: got.append('denied ' + x), 'e2e.authz.pub.{}.s'.format(p)), denied,
                       'subscribe without the subscribe permission')
    await within(backend.publish('e2e.authz.sub.{}.s'.format(p), 'to allowed',
                                 options=types.PublishOptions(acknowledge=True)), 'publish')
    await within(backend.publish('e2e.authz.pub.{}.s'.format(p), 'to denied',
                                 options=types.PublishOptions(acknowledge=True)), 'publish')
    await eventually(lambda: 'to allowed' in got, 'the event of the allowed subscription')
    await asyncio.sleep(0.3)
    check_eq(got, ['to allowed'], 'no event for a denied subscription')
    check_eq(await within(backend.call('wamp.subscription.lookup', 'e2e.authz.pub.{}.s'.format(p)), 'lookup'), None,
             'subscription meta: no subscription was created')
    outcome['subscribe'] = 'allowed and denied'

    # publish
    seen = []
    await within(backend.subscribe(lambda x: seen.append(x), 'e2e.authz.pub.{}.p'.format(p)), 'backend subscribes')
    await within(backend.subscribe(lambda x: seen.append(x), 'e2e.authz.sub.{}.p'.format(p)), 'backend subscribes')
    await within(user.publish('e2e.authz.pub.{}.p'.format(p), 'allowed',
                              options=types.PublishOptions(acknowledge=True)), 'allowed publish')
    await expect_error(user.publish('e2e.authz.sub.{}.p'.format(p), 'denied acknowledged',
                                    options=types.PublishOptions(acknowledge=True)), denied,
                       'acknowledged publish without the publish permission')
    user.publish('e2e.authz.sub.{}.p'.format(p), 'denied unacknowledged')
    await eventually(lambda: 'allowed' in seen, 'the allowed publication')
    await asyncio.sleep(0.3)
    check_eq(seen, ['allowed'], 'denied publications are not delivered')
    outcome['publish'] = 'allowed and denied'

    # disclosure per role: "disclose": {"caller": true, "publisher": true} on e2e.authz.disclosed.
    who = []
    await within(backend.register(lambda details=None: who.append(details.caller_authid) or 'ok',
                                  'e2e.authz.disclosed.{}.who'.format(p), options=types.RegisterOptions(
                                      details_arg='details')), 'register')
    await within(user.call('e2e.authz.disclosed.{}.who'.format(p)), 'call without disclose_me')
    check_eq(who, ['joe'], 'the role discloses the caller')

    # the user's session is still fine
    check_eq(await within(user.call('e2e.authz.call.{}.ok'.format(p)), 'call after the denials'), 'called',
             'session still usable')

    # a dynamic authorizer (role dynuser); answers are cached
    asked = []

    def authorize(session, uri, action):
        asked.append((uri, action))
        return uri.startswith('e2e.authz.dyn.{}.ok'.format(p))

    await within(backend.register(authorize, 'e2e.authz.authorize'), 'register the authorizer')
    await within(backend.register(lambda: 'dyn ok', 'e2e.authz.dyn.{}.ok'.format(p)), 'register')
    await within(backend.register(lambda: 'dyn no', 'e2e.authz.dyn.{}.no'.format(p)), 'register')
    dyn = await connect('ws', ws, realm=AUTHZ, local_addr=(src, 0), authmethods=['ticket'], authid='dynuser',
                        on_challenge=ticket('dyn-secret'))
    check_eq(await within(dyn.call('e2e.authz.dyn.{}.ok'.format(p)), 'dyn call'), 'dyn ok', 'authorizer allows')
    await expect_error(dyn.call('e2e.authz.dyn.{}.no'.format(p)), denied, 'authorizer denies')
    check_eq(await within(dyn.call('e2e.authz.dyn.{}.ok'.format(p)), 'dyn call again'), 'dyn ok', 'allowed again')
    check_eq(asked, [('e2e.authz.dyn.{}.ok'.format(p), 'call'), ('e2e.authz.dyn.{}.no'.format(p), 'call')],
             'the authorizer is asked once per (session, uri, action): its answers are cached')
    outcome['authorizer'] = asked

    # a role the realm does not have
    no_role = await expect_abort('ws', cfg['ws'], realm=AUTHZ, local_addr=(src, 0))
    check_eq(no_role.reason, 'wamp.error.no_such_role', 'anonymous in a realm without role anonymous')
    for s in (dyn, user, backend):
        await s.close()
    return outcome


if __name__ == '__main__':
    main({name[:-len('_scenario')]: (lambda config, _fn=fn: _fn(json.loads(config)))
          for name, fn in list(globals().items()) if name.endswith('_scenario')}, overall_timeout=90)
