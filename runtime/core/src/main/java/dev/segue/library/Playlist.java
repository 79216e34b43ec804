package dev.segue.library;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Which song of a {@link Soundtrack} plays next. In order, or shuffled so that no song plays again
 * until every song has played (each round is a fresh permutation, and a round never starts with the
 * song that ended the previous one); then again if the soundtrack repeats, or nothing. The same seed
 * gives the same sequence. Not thread-safe: one playlist belongs to one player.
 */
public final class Playlist {
    private final List<String> songs;
    private final Soundtrack.Order order;
    private final boolean repeat;
    private final SplittableRandom random;
    private final List<String> round = new ArrayList<>();
    private int at;
    private String last;

    /** A playlist over {@code soundtrack}'s songs as they are now, shuffled from {@code seed}. */
    public Playlist(Soundtrack soundtrack, long seed) {
        this.songs = soundtrack.songs();
        this.order = soundtrack.order();
        this.repeat = soundtrack.repeat();
        this.random = new SplittableRandom(seed);
        newRound();
    }

    /** The next song's path, or empty once a non-repeating soundtrack has played every song (or has none). */
    public Optional<String> next() {
        if (songs.isEmpty()) {
            return Optional.empty();
        }
        if (at == round.size()) {
            if (!repeat) {
                return Optional.empty();
            }
            newRound();
        }
        last = round.get(at++);
        return Optional.of(last);
    }

    private void newRound() {
        round.clear();
        round.addAll(songs);
        at = 0;
        if (order == Soundtrack.Order.SHUFFLE) {
            for (int i = round.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                round.set(j, round.set(i, round.get(j)));
            }
            if (last != null && round.size() > 1 && round.get(0).equals(last)) {
                int j = 1 + random.nextInt(round.size() - 1);
                round.set(j, round.set(0, round.get(j)));
            }
        }
    }
}
