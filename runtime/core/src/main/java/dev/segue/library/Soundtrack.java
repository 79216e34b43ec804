package dev.segue.library;

import java.util.ArrayList;
import java.util.List;

/**
 * A named collection of songs the player made, from an album or by hand. Immutable: the {@code with}
 * methods return changed copies.
 *
 * @param name   unique among the player's soundtracks, shown in menus
 * @param songs  song paths (see {@link Song#path()}), in the player's order
 * @param order  played in that order or shuffled
 * @param repeat start again after the last song (otherwise the soundtrack ends and the score returns)
 */
public record Soundtrack(String name, List<String> songs, Order order, boolean repeat) {
    /** How a soundtrack's songs follow each other. */
    public enum Order {
        /** In the soundtrack's order. */
        IN_ORDER,
        /** Shuffled: no song again until every song has played once. */
        SHUFFLE
    }

    /** Checks the name and copies the songs; a missing order means {@link Order#IN_ORDER}. */
    public Soundtrack {
        if (name == null || name.trim().isEmpty()) {
            throw new IllegalArgumentException("a soundtrack needs a name");
        }
        songs = songs == null ? List.of() : List.copyOf(songs);
        order = order == null ? Order.IN_ORDER : order;
    }

    /** A soundtrack of {@code album}'s songs in track order (see {@link MusicLibrary#albums()}). */
    public static Soundtrack fromAlbum(String name, List<Song> album) {
        List<String> paths = new ArrayList<>();
        for (Song s : album) {
            paths.add(s.path());
        }
        return new Soundtrack(name, paths, Order.IN_ORDER, true);
    }

    /** This soundtrack with other songs. */
    public Soundtrack withSongs(List<String> newSongs) {
        return new Soundtrack(name, newSongs, order, repeat);
    }

    /** This soundtrack in another order. */
    public Soundtrack withOrder(Order newOrder) {
        return new Soundtrack(name, songs, newOrder, repeat);
    }

    /** This soundtrack with repeat on or off. */
    public Soundtrack withRepeat(boolean on) {
        return new Soundtrack(name, songs, order, on);
    }

    /** This soundtrack under another name. */
    public Soundtrack withName(String newName) {
        return new Soundtrack(newName, songs, order, repeat);
    }
}
