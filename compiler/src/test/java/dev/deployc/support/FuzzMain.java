package dev.deployc.support;

import dev.deployc.Compiler;
import java.util.AbstractList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

/**
 * The long fuzz run of {@code bench/fuzz}: {@code FuzzMain <inputs> [first-seed]}. Input n is
 * {@code Fuzz.input(first-seed + n)}, so any failure it prints is reproduced from its seed. Prints
 * progress every 100,000 inputs and a summary; exits 1 when any law broke.
 */
public final class FuzzMain {

    private FuzzMain() {}

    public static void main(String[] args) {
        long inputs = Long.parseLong(args[0]);
        long first = args.length > 1 ? Long.parseLong(args[1]) : 0;
        Fuzz fuzz = new Fuzz();
        AtomicLong accepted = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicLong done = new AtomicLong();
        List<Compiler.Result> counter = new AbstractList<>() {
            @Override
            public boolean add(Compiler.Result r) {
                accepted.incrementAndGet();
                return true;
            }

            @Override
            public Compiler.Result get(int index) {
                throw new UnsupportedOperationException();
            }

            @Override
            public int size() {
                return 0;
            }
        };
        long start = System.nanoTime();
        LongStream.range(first, first + inputs).parallel().forEach(seed -> {
            Fuzz.Input input = fuzz.input(seed);
            Optional<String> broken = Fuzz.verdict(input, counter);
            if (broken.isPresent() && failures.incrementAndGet() <= 20) {
                System.out.println("FAIL " + input.origin() + ": " + broken.get());
            }
            long n = done.incrementAndGet();
            if (n % 100_000 == 0) {
                System.out.printf("%,d inputs, %,d accepted, %,d failures, %.0f s%n", n, accepted.get(), failures.get(),
                        (System.nanoTime() - start) / 1e9);
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("fuzz: %,d inputs from %d real specs (seeds %d..%d): %,d accepted, %,d rejected with positioned "
                        + "diagnostics, %,d failures; %.0f s, %.0f inputs/s%n", inputs, fuzz.corpusSize(), first,
                first + inputs - 1, accepted.get(), inputs - accepted.get() - failures.get(), failures.get(), seconds,
                inputs / seconds);
        System.exit(failures.get() == 0 ? 0 : 1);
    }
}
