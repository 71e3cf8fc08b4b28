package dev.switchboard.api.serializer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IdlePoolTest {

    @Test
    void givesBackWhatWasReturnedAndMakesNewOnesOtherwise() {
        AtomicInteger made = new AtomicInteger();
        IdlePool<Object> pool = new IdlePool<>(() -> {
            made.incrementAndGet();
            return new Object();
        });
        Object first = pool.take();
        Object second = pool.take();
        assertNotSame(first, second);
        assertEquals(2, made.get());
        pool.giveBack(first);
        assertSame(first, pool.take());
        assertEquals(2, made.get());
    }

    @Test
    void keepsAtMostSixteenIdle() {
        IdlePool<Object> pool = new IdlePool<>(Object::new);
        List<Object> taken = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            taken.add(pool.take());
        }
        taken.forEach(pool::giveBack);
        Set<Object> again = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 40; i++) {
            again.add(pool.take());
        }
        long reused = again.stream().filter(taken::contains).count();
        assertEquals(16, reused);
    }

    /** An instance is never in two threads' hands at once. */
    @Test
    void neverHandsOneInstanceToTwoThreads() throws Exception {
        IdlePool<AtomicInteger> pool = new IdlePool<>(AtomicInteger::new);
        Set<String> problems = ConcurrentHashMap.newKeySet();
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 20_000; i++) {
                    AtomicInteger holders = pool.take();
                    if (holders.incrementAndGet() != 1) {
                        problems.add("shared instance");
                    }
                    holders.decrementAndGet();
                    pool.giveBack(holders);
                }
            });
            worker.start();
            workers.add(worker);
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join(30_000);
        }
        assertTrue(problems.isEmpty(), problems.toString());
    }
}
