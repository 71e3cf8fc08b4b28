package dev.switchboard.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;

import org.junit.jupiter.api.Test;

/** One task at a time, in order; an idle actor runs where it is asked to, a busy one in its pool. */
class RealmActorTest {

    private final Queue<Runnable> pool = new ArrayDeque<>();
    private final RealmActor actor = new RealmActor("realm1", pool::add);
    private final List<String> ran = new ArrayList<>();

    private void runPool() {
        Runnable r;
        while ((r = pool.poll()) != null) {
            r.run();
        }
    }

    @Test
    void executeAlwaysRunsInThePool() {
        actor.execute(() -> ran.add("a"));
        assertEquals(List.of(), ran);
        runPool();
        assertEquals(List.of("a"), ran);
    }

    @Test
    void anIdleActorRunsOnTheCallingThread() {
        Thread caller = Thread.currentThread();
        actor.executeHere(() -> {
            assertSame(caller, Thread.currentThread());
            ran.add("a");
        });
        assertEquals(List.of("a"), ran);
        assertEquals(0, pool.size(), "no pool thread woken");
    }

    @Test
    void aBusyActorQueuesBehindWhatIsWaitingInOrder() {
        actor.execute(() -> ran.add("first"));
        actor.executeHere(() -> ran.add("second"));
        assertEquals(List.of(), ran, "the actor's turn waits in the pool: nothing overtakes it");
        runPool();
        assertEquals(List.of("first", "second"), ran);
    }

    @Test
    void workSubmittedDuringAnInlineTurnRunsInOrderAndNeverNests() {
        RealmActor other = new RealmActor("realm2", pool::add);
        actor.executeHere(() -> {
            ran.add("outer start");
            actor.executeHere(() -> ran.add("same actor, queued"));
            other.executeHere(() -> ran.add("other actor, in its pool"));
            ran.add("outer end");
        });
        assertEquals(List.of("outer start", "outer end", "same actor, queued"), ran);
        runPool();
        assertEquals("other actor, in its pool", ran.get(3));
    }

    @Test
    void aLongBacklogIsHandedToThePoolAfterAFewInlineTasks() {
        actor.executeHere(() -> {
            for (int i = 0; i < 100; i++) {
                int n = i;
                actor.execute(() -> ran.add("task " + n));
            }
        });
        int inline = ran.size();
        assertEquals(true, inline < 100, "the caller ran only a few tasks: " + inline);
        runPool();
        assertEquals(100, ran.size());
        assertEquals("task 99", ran.get(99));
    }
}
