package dev.deployc.emit;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Named things loaded once each, by whichever thread asks first, while loads of different names run
 * in parallel. A thread that needs one another thread is loading takes the next announced name meanwhile,
 * instead of waiting idle: on a cold JVM each template takes milliseconds to parse, and the
 * compiling thread often needs the one the warm-up thread is parsing.
 */
final class SharedLoads<T> {

    /** How one name is loaded; an interface, not a lambda, so that the warm-up thread links no lambda first. */
    interface Loader<T> {
        T load(String name);
    }

    private final Loader<T> loader;
    private final Map<String, FutureTask<T>> loads = new ConcurrentHashMap<>();
    private final Queue<String> announced = new ConcurrentLinkedQueue<>();

    SharedLoads(Loader<T> loader) {
        this.loader = loader;
    }

    /** Loads these names on this thread, except those another thread takes first; failures are left to {@link #get}. */
    void preload(String... names) {
        announced.addAll(List.of(names));
        for (String name = announced.poll(); name != null; name = announced.poll()) {
            runIfClaimed(name);
        }
    }

    T get(String name) {
        Optional<FutureTask<T>> mine = claim(name);
        if (mine.isPresent()) {
            mine.get().run();
        } else {
            for (String next = announced.poll(); next != null && !loads.get(name).isDone(); next = announced.poll()) {
                runIfClaimed(next);
            }
        }
        try {
            return loads.get(name).get();
        } catch (ExecutionException e) {
            if (mine.isPresent()) throw unchecked(e.getCause());
            // Another thread's load failed: this one loads again, so the failure is met by the thread that needs it.
            return loader.load(name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return loader.load(name);
        }
    }

    /** Not {@code claim(name).ifPresent(FutureTask::run)}: the warm-up thread links no lambda (see {@link Loader}). */
    private void runIfClaimed(String name) {
        Optional<FutureTask<T>> mine = claim(name);
        if (mine.isPresent()) mine.get().run();
    }

    private static RuntimeException unchecked(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException(t);
    }

    /** A task for this thread to run when no thread has claimed the name yet; empty when one has. */
    private Optional<FutureTask<T>> claim(String name) {
        FutureTask<T> task = new FutureTask<>(new Load<>(loader, name));
        return loads.putIfAbsent(name, task) == null ? Optional.of(task) : Optional.empty();
    }

    private record Load<T>(Loader<T> loader, String name) implements Callable<T> {
        @Override
        public T call() {
            return loader.load(name);
        }
    }
}
