package dev.segue.cue;

import java.util.List;
import java.util.Locale;

/**
 * The sheet's names for its choices are exact, as the schema has them ({@code nextBar}, not
 * {@code nextbar} or {@code next_bar}): what validates in an editor loads in the game and the other
 * way round. A near miss is an error that says which name was meant.
 */
final class Names {
    private Names() {
    }

    /**
     * The index of {@code given} in {@code names}, or an {@link IllegalArgumentException} saying what
     * {@code what} may be, with the name meant when {@code given} differs only in case, {@code _} or {@code -}.
     */
    static int index(String given, List<String> names, String what) {
        int i = names.indexOf(given);
        if (i >= 0) {
            return i;
        }
        String loose = loose(given);
        for (String n : names) {
            if (loose(n).equals(loose)) {
                throw new IllegalArgumentException("'" + given + "' is not " + what + ": did you mean '" + n
                        + "'? (names are exact: " + String.join(", ", names) + ")");
            }
        }
        throw new IllegalArgumentException("'" + given + "' is not " + what + ": use " + String.join(", ", names));
    }

    private static String loose(String s) {
        return s.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
    }
}
