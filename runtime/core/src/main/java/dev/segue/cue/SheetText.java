package dev.segue.cue;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * A sheet's bytes as text, and the parser's complaints as sentences. A sheet is UTF-8 JSON; one saved
 * as UTF-16, as Latin-1 or Windows-1252 (an accented name), or a binary file given by mistake is an
 * error at the line and column where it stops being UTF-8, saying what it looks like, instead of a
 * decoder's "Input length = 3" or a silently garbled cue name. A UTF-8 byte-order mark is skipped.
 */
final class SheetText {
    private SheetText() {
    }

    /** The text of {@code bytes}, or a {@link SheetException} for {@code name} saying why they are not UTF-8 text. */
    static String decode(byte[] bytes, int length, String name) {
        int start = 0;
        if (length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            start = 3;
        }
        if (length >= 2 && ((bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF
                || (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE)) {
            throw problem(name, 1, 1, "the sheet is saved as UTF-16; save it as UTF-8 (JSON's encoding)");
        }
        for (int i = start; i < Math.min(length, 4096); i++) {
            if (bytes[i] == 0) {
                int[] at = lineColumn(bytes, start, i);
                throw problem(name, at[0], at[1], "a zero byte: this is a binary file, not a cue sheet (JSON text)"
                        + (i < 2 || bytes[1] == 0 ? "; or text saved as UTF-16, which should be UTF-8" : ""));
            }
        }
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, length - start);
        CharBuffer out = CharBuffer.allocate(length);
        CoderResult r = d.decode(in, out, true);
        if (r.isError()) {
            int bad = in.position();
            int[] at = lineColumn(bytes, start, bad);
            throw problem(name, at[0], at[1], String.format(Locale.ROOT, "byte 0x%02X is not UTF-8 text: save the sheet as"
                    + " UTF-8 (it looks like Latin-1 or Windows-1252, where %s)", bytes[bad] & 0xFF, latin1(bytes[bad])));
        }
        d.flush(out);
        ((java.nio.Buffer) out).flip(); // as a Buffer: CharBuffer.flip() is Java 9, not on Android 8
        return out.toString();
    }

    private static final java.util.regex.Pattern GSON_LOCATION = java.util.regex.Pattern.compile("line (\\d+) column (\\d+)");

    /** The {@code {line, column}} Gson names in {@code msg} (a message or a reader's description), or null. */
    static int[] location(String msg) {
        java.util.regex.Matcher at = GSON_LOCATION.matcher(String.valueOf(msg));
        return at.find() ? new int[] {Integer.parseInt(at.group(1)), Integer.parseInt(at.group(2))} : null;
    }

    /**
     * Gson's complaint {@code msg} as a sentence for a composer (no advice to change the parser), with
     * where it is ({@code line} 0: unknown), since a reload's list of problems shows sentences only.
     */
    static String explain(String msg, int line, int column) {
        String where = line > 0 ? " at line " + line + ", column " + column : "";
        String m = String.valueOf(msg);
        int see = m.indexOf("\nSee ");
        if (see >= 0) {
            m = m.substring(0, see);
        }
        if (m.startsWith("Use JsonReader.setStrictness")) {
            return "not valid JSON" + where + " (a NaN or Infinity, a number JSON cannot write, a comment, a missing"
                    + " quote or comma, or text after the end)";
        }
        return "not valid JSON" + where + ": " + m.replaceAll(" at line \\d+ column \\d+ path \\S+", "");
    }

    private static String latin1(byte b) {
        char c = (char) (b & 0xFF);
        return Character.isLetter(c) ? "it would be '" + c + "'" : "it is a symbol";
    }

    private static int[] lineColumn(byte[] b, int start, int at) {
        int line = 1;
        int col = 1;
        for (int i = start; i < at; i++) {
            if (b[i] == '\n') {
                line++;
                col = 1;
            } else if ((b[i] & 0xC0) != 0x80) {
                col++;
            }
        }
        return new int[] {line, col};
    }

    private static SheetException problem(String name, int line, int column, String sentence) {
        return new SheetException(name, List.of(new SheetException.Problem("$", line, column, sentence)), List.of(), true);
    }
}
