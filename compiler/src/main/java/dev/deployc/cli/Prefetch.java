package dev.deployc.cli;

import dev.deployc.Compiler;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Reads and compiles the specs a build or check names on a second thread, started before picocli
 * builds its model of the command line, which takes about 100 ms on a cold JVM: a pre-commit hook
 * pays that on every commit, and here the two overlap. The arguments are only guessed here and
 * picocli stays the authority: a run takes the prefetched results only when the specs picocli
 * parsed are exactly the ones guessed, and otherwise reads and compiles them itself.
 */
final class Prefetch {

    static final Prefetch NONE = new Prefetch(List.of(), null);

    private final List<Path> specs;
    private final FutureTask<Compilation.Compiled> task;

    private Prefetch(List<Path> specs, FutureTask<Compilation.Compiled> task) {
        this.specs = specs;
        this.task = task;
    }

    /** Starts compiling the specs of a plain {@code build} or {@code check} command line; NONE for anything else. */
    static Prefetch start(String... args) {
        Optional<List<Path>> guessed = guessSpecs(args);
        if (guessed.isEmpty()) return NONE;
        List<Path> specs = guessed.get();
        // Plain classes, not lambdas: the first lambda of a run initialises the JDK's lambda machinery
        // (~5 ms), and these threads should be running before anything else is paid for.
        FutureTask<Compilation.Compiled> task = new FutureTask<>(new ReadAndCompile(specs));
        if (specs.size() < Compilation.PARALLEL_FROM) {
            // These compile one after another on one thread, so the templates they will need load on
            // another meanwhile. (More specs compile on all cores, which a third thread only slows.)
            start("deployc-warm-up", new WarmUp());
        }
        start("deployc-prefetch", task);
        return new Prefetch(specs, task);
    }

    private static void start(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static final class WarmUp implements Runnable {
        @Override
        public void run() {
            try {
                Compiler.warmUp();
            } catch (RuntimeException | LinkageError e) {
                // The compilation meets the same problem and reports it.
            }
        }
    }

    private record ReadAndCompile(List<Path> specs) implements java.util.concurrent.Callable<Compilation.Compiled> {
        @Override
        public Compilation.Compiled call() throws Exception {
            return Compilation.readAndCompile(specs);
        }
    }

    /**
     * The prefetched compilation of exactly these specs, waiting for it to finish; empty when other
     * specs were guessed or reading them failed (the run then reads them itself and reports why).
     */
    Optional<Compilation.Compiled> of(List<Path> parsed) {
        if (task == null || !specs.equals(parsed)) return Optional.empty();
        try {
            return Optional.of(task.get());
        } catch (ExecutionException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * The spec paths of a command line {@link HotPath} reads, when it names them (not {@code --all});
     * anything else is left to the run.
     */
    static Optional<List<Path>> guessSpecs(String... args) {
        Optional<HotPath.Invocation> hot = HotPath.parse(args); // no lambda here: see start
        if (hot.isEmpty() || hot.get().args().all || hot.get().args().specs.isEmpty()) return Optional.empty();
        return Optional.of(List.copyOf(hot.get().args().specs));
    }
}
