package dev.segue.engine;

import java.util.Locale;

/** The verbs of a session script, each with the number of arguments it takes. */
public enum Verb {
    /** {@code state NAME}: the game is in state NAME. */
    STATE(1),
    /** {@code param NAME VALUE}: a parameter's value. */
    PARAM(2),
    /** {@code trigger CUE}: move to a cue directly ({@code silence} for silence). */
    TRIGGER(1),
    /** {@code stinger NAME}. */
    STINGER(1),
    /** {@code duck NAME on|off}. */
    DUCK(2),
    /** {@code pause}. */
    PAUSE(0),
    /** {@code resume}. */
    RESUME(0),
    /** {@code end}: the session ends here. */
    END(0);

    private final int arity;

    Verb(int arity) {
        this.arity = arity;
    }

    /** How many arguments the verb takes. */
    public int arity() {
        return arity;
    }

    /** The verb as scripts write it, lower case. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The verb written {@code word} (any case), or null if there is none. */
    public static Verb of(String word) {
        for (Verb v : values()) {
            if (v.word().equals(word.toLowerCase(Locale.ROOT))) {
                return v;
            }
        }
        return null;
    }

    /** Every verb's word, for messages: {@code state, param, ..., resume or end}. */
    public static String words() {
        StringBuilder b = new StringBuilder();
        Verb[] all = values();
        for (int i = 0; i < all.length; i++) {
            b.append(i == 0 ? "" : i == all.length - 1 ? " or " : ", ").append(all[i].word());
        }
        return b.toString();
    }
}
