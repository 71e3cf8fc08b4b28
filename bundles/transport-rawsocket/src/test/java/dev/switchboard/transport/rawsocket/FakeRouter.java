package dev.switchboard.transport.rawsocket;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.switchboard.api.message.Abort;
import dev.switchboard.api.message.Message;
import dev.switchboard.api.router.Peer;
import dev.switchboard.api.router.Router;
import dev.switchboard.api.router.RouterSession;
import dev.switchboard.api.uri.WampErrors;

/**
 * A router that records what the transport tells it and reacts as a test says (echo by default). Each session
 * checks the {@link RouterSession} contract: never two calls at once, nothing after {@code closed()}, and
 * {@code closed()} at most once.
 */
final class FakeRouter implements Router {

    /** What a session does with a message; the result is what {@code receive} returns. */
    interface Reaction {
        boolean react(Session session, Message message);
    }

    static final Reaction ECHO = (session, message) -> {
        session.peer.send(message);
        return true;
    };

    final List<Session> sessions = new CopyOnWriteArrayList<>();
    volatile Reaction reaction = ECHO;

    @Override
    public RouterSession connect(Peer peer) {
        Session session = new Session(peer);
        sessions.add(session);
        return session;
    }

    Session awaitSession(int index, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (sessions.size() <= index) {
            if (System.nanoTime() > deadline) {
                fail("no session #" + index + " within " + timeout);
            }
            Thread.sleep(5);
        }
        return sessions.get(index);
    }

    /** Fails the test if any session broke the contract. */
    void assertContractKept() {
        for (Session session : sessions) {
            assertTrue(session.contractViolations.isEmpty(), "contract violations: " + session.contractViolations);
        }
    }

    final class Session implements RouterSession {
        final Peer peer;
        final List<Message> received = new CopyOnWriteArrayList<>();
        final List<String> protocolViolations = new CopyOnWriteArrayList<>();
        final List<String> contractViolations = new CopyOnWriteArrayList<>();
        final AtomicInteger closedCalls = new AtomicInteger();
        final CountDownLatch closed = new CountDownLatch(1);
        private final AtomicBoolean inCall = new AtomicBoolean();

        Session(Peer peer) {
            this.peer = peer;
        }

        @Override
        public boolean receive(Message message) {
            enter("receive");
            try {
                received.add(message);
                return reaction.react(this, message);
            } finally {
                inCall.set(false);
            }
        }

        /** As the real router: ABORT with protocol_violation, then close. */
        @Override
        public void protocolViolation(String reason) {
            enter("protocolViolation");
            try {
                protocolViolations.add(reason);
                peer.send(new Abort(Map.of("message", reason), WampErrors.PROTOCOL_VIOLATION));
                peer.close();
            } finally {
                inCall.set(false);
            }
        }

        @Override
        public void closed() {
            enter("closed");
            try {
                if (closedCalls.incrementAndGet() > 1) {
                    contractViolations.add("closed() called " + closedCalls.get() + " times");
                }
                closed.countDown();
            } finally {
                inCall.set(false);
            }
        }

        private void enter(String call) {
            if (!inCall.compareAndSet(false, true)) {
                contractViolations.add(call + " while another call was running");
            }
            if (closedCalls.get() > 0) {
                contractViolations.add(call + " after closed()");
            }
        }

        boolean awaitClosed(Duration timeout) throws InterruptedException {
            return closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        Message awaitReceived(int index, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (received.size() <= index) {
                if (System.nanoTime() > deadline) {
                    fail("no message #" + index + " within " + timeout + "; got " + received);
                }
                Thread.sleep(5);
            }
            return received.get(index);
        }
    }
}
