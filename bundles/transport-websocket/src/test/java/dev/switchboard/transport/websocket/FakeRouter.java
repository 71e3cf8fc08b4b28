package dev.switchboard.transport.websocket;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import dev.switchboard.api.message.Message;
import dev.switchboard.api.router.Peer;
import dev.switchboard.api.router.Router;
import dev.switchboard.api.router.RouterSession;

/** A router that records what each session sees, echoes messages back by default, and answers violations like the real one. */
final class FakeRouter implements Router {

    static final long WAIT_SECONDS = 5;

    volatile boolean echo = true;
    volatile boolean wantsMore = true;
    /** Runs inside {@link #connect}, before the session exists. */
    volatile Consumer<Peer> onConnect = peer -> {};
    private final BlockingQueue<FakeSession> sessions = new LinkedBlockingQueue<>();

    @Override
    public RouterSession connect(Peer peer) {
        onConnect.accept(peer);
        FakeSession session = new FakeSession(peer);
        sessions.add(session);
        return session;
    }

    /** Sessions connected and not yet taken by {@link #nextSession()}. */
    int sessionCount() {
        return sessions.size();
    }

    FakeSession nextSession() throws InterruptedException {
        FakeSession session = sessions.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(session, "no connection reached the router");
        return session;
    }

    final class FakeSession implements RouterSession {
        final Peer peer;
        final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
        final BlockingQueue<String> violations = new LinkedBlockingQueue<>();
        final AtomicInteger closedCalls = new AtomicInteger();
        final AtomicInteger overlappingCalls = new AtomicInteger();
        private final CountDownLatch closed = new CountDownLatch(1);
        private final AtomicBoolean inCall = new AtomicBoolean();

        FakeSession(Peer peer) {
            this.peer = peer;
        }

        @Override
        public boolean receive(Message message) {
            enter();
            try {
                received.add(message);
                if (echo) {
                    peer.send(message);
                }
                return wantsMore;
            } finally {
                inCall.set(false);
            }
        }

        /** Like the router: ABORT (not modelled here) and close the peer. */
        @Override
        public void protocolViolation(String reason) {
            enter();
            try {
                violations.add(reason);
                peer.close();
            } finally {
                inCall.set(false);
            }
        }

        @Override
        public void closed() {
            enter();
            try {
                closedCalls.incrementAndGet();
                closed.countDown();
            } finally {
                inCall.set(false);
            }
        }

        Message nextMessage() throws InterruptedException {
            Message message = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertNotNull(message, "no message reached the router");
            return message;
        }

        void awaitClosed() throws InterruptedException {
            if (!closed.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                fail("RouterSession.closed() was not called");
            }
        }

        /** The transport calls a session one thread at a time. */
        private void enter() {
            if (!inCall.compareAndSet(false, true)) {
                overlappingCalls.incrementAndGet();
            }
        }
    }
}
