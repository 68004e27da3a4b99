package dev.deployc.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Templates load once each, in parallel, and a thread waiting on another's load works meanwhile. */
class SharedLoadsProperties {

    private static final List<String> NAMES = List.of("a", "b", "c", "d", "e");

    /** One thread's calls: a name to get, or (prefixed with `+`) names to preload. */
    @Property(tries = 200)
    void everyNameLoadsOnceAndEveryCallerGetsIt(@ForAll("schedules") List<List<String>> threads) throws Exception {
        Map<String, AtomicInteger> loads = new ConcurrentHashMap<>();
        SharedLoads<String> shared = new SharedLoads<>(name -> {
            loads.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
            Thread.yield();
            return "loaded " + name;
        });
        List<Thread> started = new ArrayList<>();
        Map<String, String> wrong = new ConcurrentHashMap<>();
        for (List<String> calls : threads) {
            Thread t = new Thread(() -> {
                for (String call : calls) {
                    if (call.startsWith("+")) {
                        shared.preload(call.substring(1).split(""));
                    } else if (!shared.get(call).equals("loaded " + call)) {
                        wrong.put(call, shared.get(call));
                    }
                }
            });
            t.start();
            started.add(t);
        }
        for (Thread t : started) t.join(TimeUnit.SECONDS.toMillis(10));
        assertEquals(Map.of(), wrong);
        loads.forEach((name, count) -> assertEquals(1, count.get(), "loads of " + name));
    }

    @Provide
    Arbitrary<List<List<String>>> schedules() {
        Arbitrary<String> get = Arbitraries.of(NAMES);
        Arbitrary<String> preload = Arbitraries.of(NAMES).list().ofMinSize(1).ofMaxSize(5).map(l -> "+" + String.join("", l));
        return Arbitraries.oneOf(get, preload).list().ofMaxSize(6).list().ofMinSize(1).ofMaxSize(4);
    }

    @Example
    void aThreadThatWaitsOnAnothersLoadLoadsTheNextAnnouncedName() throws Exception {
        CountDownLatch aStarted = new CountDownLatch(1);
        CountDownLatch bLoaded = new CountDownLatch(1);
        Map<String, Thread> loadedBy = new ConcurrentHashMap<>();
        SharedLoads<String> shared = new SharedLoads<>(name -> {
            loadedBy.put(name, Thread.currentThread());
            if (name.equals("a")) {
                aStarted.countDown();
                await(bLoaded);
            } else {
                bLoaded.countDown();
            }
            return name;
        });
        Thread warmUp = new Thread(() -> shared.preload("a", "b"));
        warmUp.start();
        await(aStarted);
        assertEquals("a", shared.get("a"));
        assertSame(Thread.currentThread(), loadedBy.get("b"), "b was loaded by the thread that waited on a");
        warmUp.join();
    }

    @Example
    void aLoadThatFailedOnAnotherThreadIsDoneAgainByTheThreadThatNeedsIt() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        SharedLoads<String> shared = new SharedLoads<>(name -> {
            if (calls.incrementAndGet() == 1) throw new IllegalStateException("first load fails");
            return name;
        });
        Thread warmUp = new Thread(() -> shared.preload("x"));
        warmUp.start();
        warmUp.join();
        assertEquals("x", shared.get("x"));
        assertEquals(2, calls.get());
    }

    @Example
    void aFailureOfTheThreadThatNeedsTheNameReachesItAfterOneLoad() {
        AtomicInteger calls = new AtomicInteger();
        SharedLoads<String> shared = new SharedLoads<>(name -> {
            calls.incrementAndGet();
            throw new IllegalStateException("no " + name);
        });
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> shared.get("x"));
        assertEquals("no x", e.getMessage());
        assertEquals(1, calls.get());
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS), "timed out");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
