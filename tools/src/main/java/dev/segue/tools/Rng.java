package dev.segue.tools;

/**
 * A tiny seeded generator (SplitMix64). Its sequence is fixed by the algorithm, not by the JDK,
 * so generated assets stay byte-identical across machines and Java versions.
 */
public final class Rng {
    private long state;

    /** A generator starting from {@code seed}. */
    public Rng(long seed) {
        this.state = seed;
    }

    /** The next 64 random bits. */
    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [-1, 1). */
    public double bipolar() {
        return 2 * nextDouble() - 1;
    }
}
