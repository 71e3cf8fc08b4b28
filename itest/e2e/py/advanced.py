# Call canceling and call timeouts against a callee that announces call_canceling (autobahn-python does; AutobahnJS
# does not), checking INTERRUPT and the caller's answers on the wire (advanced/rpc_call_canceling,
# advanced/rpc_call_timeout). Usage: advanced.py cancel|timeout <ws-url>
import asyncio
import time

from autobahn.wamp import message, types
from autobahn.wamp.exception import ApplicationError

from harness import Failure, check, check_eq, connect, eventually, expect_error, main, uniq, within

LINGER = 0.8  # how long the callee takes to answer an INTERRUPT (long enough to tell 'at once' from 'after it')


class SlowCallee:
    """A procedure that waits until released; on INTERRUPT it answers with an ERROR after LINGER seconds.

    autobahn-python cancels the handler's task on INTERRUPT, but under Python 3.8+ its txaio callback does not
    catch the resulting CancelledError (a BaseException) and never answers; so the handler turns the cancellation
    into an application error itself, as an application would.
    """

    def __init__(self):
        self.invoked = []
        self.interrupted = []
        self.release = asyncio.Event()

    async def __call__(self, label):
        self.invoked.append(label)
        try:
            await self.release.wait()
            return 'finished ' + label
        except asyncio.CancelledError:
            self.interrupted.append((label, time.monotonic()))
            await asyncio.sleep(LINGER)
            raise ApplicationError('com.example.error.interrupted', label)


def interrupts(callee):
    return [m for m in callee.wire if isinstance(m, message.Interrupt)]


async def cancel(ws_url):
    p = 'e2e.py.cancel.' + uniq()
    callee = await connect('ws', ws_url)
    caller = await connect('ws', ws_url)
    slow = SlowCallee()
    await within(callee.register(slow, p + '.slow'), 'register')
    outcome = {}
    for mode in ['skip', 'kill', 'killnowait']:
        slow.release.clear()
        call = caller.call(p + '.slow', mode)
        request = caller.last_call_request()
        await eventually(lambda: mode in slow.invoked, mode + ': the callee is invoked')
        before = len(interrupts(callee))
        sent = time.monotonic()
        caller._transport.send(message.Cancel(request, mode=mode))
        error = await expect_error(call, 'wamp.error.canceled', mode + ': the canceled call')
        answered = time.monotonic()
        if mode == 'skip':
            await asyncio.sleep(0.3)
            check_eq(len(interrupts(callee)), before, 'skip: no INTERRUPT to the callee')
            slow.release.set()  # the callee answers; the router must drop the late YIELD
            check(answered - sent < LINGER, 'skip: the caller is answered at once')
        else:
            await eventually(lambda: len(interrupts(callee)) == before + 1, mode + ': INTERRUPT to the callee')
            interrupt = interrupts(callee)[-1]
            check_eq(interrupt.mode, mode, mode + ': INTERRUPT.Options.mode')
            if mode == 'kill':
                # The caller's ERROR waits for the callee's answer to the INTERRUPT.
                check(answered - sent >= LINGER * 0.9, 'kill: the caller was answered after {:.3f} s, before the '
                      'callee answered the INTERRUPT ({} s later)'.format(answered - sent, LINGER))
            else:
                check(answered - sent < LINGER, 'killnowait: the caller is answered at once, not after {:.3f} s'
                      .format(answered - sent))
        await asyncio.sleep(LINGER + 0.3)  # whatever the callee sends late has arrived by now
        answers = caller.received((message.Result, message.Error), request)
        check_eq([type(m).__name__ for _, m in answers], ['Error'], mode + ': answers to the canceled call')
        outcome[mode] = {'error': error.error, 'answered_after_ms': round((answered - sent) * 1000)}
    check_eq([label for label, _ in slow.interrupted], ['kill', 'killnowait'], 'the interrupted invocations')

    # The session is still fine for normal calls.
    slow.release.set()
    check_eq(await within(caller.call(p + '.slow', 'normal'), 'a normal call'), 'finished normal', 'normal call')
    await caller.close()
    await callee.close()
    return outcome


async def timeout(ws_url):
    p = 'e2e.py.timeout.' + uniq()
    callee = await connect('ws', ws_url)
    caller = await connect('ws', ws_url)
    slow = SlowCallee()
    await within(callee.register(slow, p + '.slow'), 'register')
    started = time.monotonic()
    # CALL.Options.timeout is in milliseconds (advanced/rpc_call_timeout); autobahn-python sends the number as given.
    call = caller.call(p + '.slow', 'timed', options=types.CallOptions(timeout=400))
    request = caller.last_call_request()
    error = await expect_error(call, 'wamp.error.timeout', 'a call with timeout 400 ms')
    elapsed = time.monotonic() - started
    check(0.38 <= elapsed < 3, 'the timeout ended the call after {:.3f} s, expected about 0.4 s'.format(elapsed))
    await eventually(lambda: len(interrupts(callee)) == 1, 'the timed-out callee is interrupted')
    await asyncio.sleep(LINGER + 0.3)
    answers = caller.received((message.Result, message.Error), request)
    check_eq([type(m).__name__ for _, m in answers], ['Error'], 'exactly one answer to the timed-out call')
    check_eq([label for label, _ in slow.interrupted], ['timed'], 'the interrupted invocation')
    await caller.close()
    await callee.close()
    return {'error': error.error, 'elapsed_ms': round(elapsed * 1000),
            'interrupt_mode': interrupts(callee)[0].mode}


async def caller_leaves(ws_url):
    """README: "a caller that leaves interrupts its callees" (those that announced call_canceling)."""
    p = 'e2e.py.callerleaves.' + uniq()
    callee = await connect('ws', ws_url)
    caller = await connect('ws', ws_url)
    slow = SlowCallee()
    await within(callee.register(slow, p + '.slow'), 'register')
    caller.call(p + '.slow', 'orphan')
    await eventually(lambda: 'orphan' in slow.invoked, 'the callee is invoked')
    caller.drop()
    await eventually(lambda: len(interrupts(callee)) == 1, 'INTERRUPT after the caller dropped its connection')
    await eventually(lambda: len(slow.interrupted) == 1, 'the invocation is interrupted')
    await asyncio.sleep(LINGER + 0.2)  # the callee's ERROR goes nowhere; the callee session stays fine
    count = await within(callee.call('wamp.session.count'), 'a call by the callee afterwards')
    check(isinstance(count, int) and count >= 1, 'the callee session is still usable: {!r}'.format(count))
    await callee.close()
    return {'interrupt_mode': interrupts(callee)[0].mode}


if __name__ == '__main__':
    main({'cancel': cancel, 'timeout': timeout, 'callerLeaves': caller_leaves})
