package dev.segue.cue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import dev.segue.decode.PcmData;
import dev.segue.decode.Source;
import dev.segue.decode.Sources;
import dev.segue.decode.StreamedPcm;
import dev.segue.time.MusicalLength;
import dev.segue.time.TempoMap;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a cue sheet (JSON) and the audio it names, checks everything, and either returns a
 * {@link CueSheet} or throws a {@link SheetException} listing every error with its JSON path.
 * The format is described in {@code docs/CUESHEET.md}.
 */
public final class CueSheetLoader extends SheetValues {
    private static final Set<String> TOP = Set.of("$schema", "format", "parameters", "cues", "states",
            "transitions", "stingers", "description", "bus", "ducks");
    private static final Set<String> CUE = Set.of("tempo", "stems", "loop", "entry", "exits", "markers", "length",
            "description");
    /** The gains a sheet may give a stem or a stinger, in dB. */
    static final double MIN_DB = -144;
    static final double MAX_DB = 24;
    /** The values a parameter's range may span. */
    static final double PARAMETER_RANGE = 1e6;
    private static final Set<String> STEM = Set.of("name", "file", "gainDb", "gainCurve");

    private final int sampleRate;
    private final long streamAbove;
    private final int headFrames;
    /** Stems decoded by earlier loads of the same Segue, or null. */
    private DecodedStems decoded;
    /** The stems' files, read for this load. */
    private StemAudio stems;

    private CueSheetLoader(int sampleRate, long streamAbove, int headFrames) {
        super(new ArrayList<>(), new ArrayList<>());
        this.sampleRate = sampleRate;
        this.streamAbove = streamAbove;
        this.headFrames = headFrames;
    }

    /**
     * Loads {@code file}, resolving every musical position at {@code sampleRate}.
     *
     * @throws SheetException listing every problem found
     */
    public static CueSheet load(Path file, int sampleRate) {
        return load(file, sampleRate, Long.MAX_VALUE, 0);
    }

    /**
     * Loads {@code file}; stems longer than {@code streamAboveFrames} frames (at the mixer rate) are
     * streamed, keeping in memory only their heads: {@code headFrames} frames from each point a
     * playback may jump to (its cue's start, entry, loop start and loop end) and half as many before
     * it. Shorter stems are decoded whole into memory and shared.
     *
     * @throws SheetException listing every problem found
     */
    public static CueSheet load(Path file, int sampleRate, long streamAboveFrames, int headFrames) {
        return load(file, sampleRate, streamAboveFrames, headFrames, null);
    }

    /**
     * Like {@link #load(Path, int, long, int)}, taking unchanged in-memory stems from {@code decoded}
     * (null: none) instead of decoding them again, and leaving it holding this sheet's stems.
     *
     * @throws SheetException listing every problem found
     */
    public static CueSheet load(Path file, int sampleRate, long streamAboveFrames, int headFrames, DecodedStems decoded) {
        return load(Sources.file(file), sampleRate, streamAboveFrames, headFrames, decoded);
    }

    /**
     * Like {@link #load(Path, int, long, int, DecodedStems)}, from any source: a jar entry, a
     * classpath resource, a stream. Its text is read through {@link Source#openStream()}; its stems are
     * resolved against it (a file's beside it, checked by real path) and kept in {@code decoded} keyed
     * by path or by name (see {@link DecodedStems}).
     *
     * @throws SheetException listing every problem found
     */
    public static CueSheet load(Source sheet, int sampleRate, long streamAboveFrames, int headFrames, DecodedStems decoded) {
        CueSheetLoader l = new CueSheetLoader(sampleRate, streamAboveFrames, headFrames);
        l.decoded = decoded;
        return l.read(sheet);
    }

    /** Larger than any real sheet (the demo score's is 40 KB): refused before it is read. */
    static final long MAX_SHEET_BYTES = 32L << 20;

    /** The sheet's bytes through its stream, refused once past {@link #MAX_SHEET_BYTES} (a stream's length is not known before). */
    private static byte[] readSheet(Source sheet) throws IOException {
        java.io.InputStream in = sheet.openStream();
        if (in == null) {
            throw new NoSuchFileException(sheet.name());
        }
        try (in) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) >= 0;) {
                out.write(buf, 0, n);
                if (out.size() > MAX_SHEET_BYTES) {
                    throw tooLarge(sheet.name());
                }
            }
            return out.toByteArray();
        }
    }

    private static SheetException tooLarge(String name) {
        return SheetException.unreadable(name, "more than " + (MAX_SHEET_BYTES >> 20)
                + " MB is more than any cue sheet holds; is it the right file?");
    }

    private CueSheet read(Source sheet) {
        Path file = sheet.file();
        String name = sheet.name();
        stems = new StemAudio(errors, errorPaths, sampleRate, streamAbove, headFrames, sheet, decoded);
        JsonElement root;
        String text;
        try {
            if (file != null && Files.exists(file) && !Files.isRegularFile(file)) { // a FIFO or a device would block the read for ever
                throw SheetException.unreadable(name, Files.isDirectory(file) ? "a folder, not a cue sheet file"
                        : "not a regular file (a pipe, socket or device); a cue sheet is a JSON file");
            }
            if (file != null && Files.size(file) > MAX_SHEET_BYTES) {
                throw tooLarge(name); // a file's size is known: refused without reading it
            }
            byte[] bytes = readSheet(sheet);
            text = SheetText.decode(bytes, bytes.length, name);
        } catch (NoSuchFileException e) {
            throw SheetException.unreadable(name, "no such file");
        } catch (IOException e) {
            throw SheetException.unreadable(name, "cannot read: " + e.getMessage());
        }
        List<SheetException.Problem> tooMany = SheetLimits.precount(text);
        if (!tooMany.isEmpty()) {
            throw new SheetException(name, tooMany, List.of(), true); // counted without building anything
        }
        try (Reader r = new StringReader(text)) {
            JsonReader jr = new JsonReader(r);
            jr.setStrictness(Strictness.STRICT);
            root = JsonParser.parseReader(jr);
        } catch (IOException | JsonParseException e) {
            String msg = e.getCause() != null && e instanceof JsonParseException ? e.getCause().getMessage() : e.getMessage();
            int[] at = SheetText.location(msg);
            throw new SheetException(name, List.of(new SheetException.Problem("$", at != null ? at[0] : 1, at != null ? at[1] : 1,
                    SheetText.explain(msg, at != null ? at[0] : 0, at != null ? at[1] : 1))), List.of(), true);
        }
        if (!root.isJsonObject()) {
            throw new SheetException(name, List.of(new SheetException.Problem("$", 1, 1,
                    "a cue sheet is a JSON object")), List.of(), true);
        }
        JsonObject top = root.getAsJsonObject();
        JsonLocator where = JsonLocator.of(text); // one pass over the text: duplicate keys, and where each error is
        for (String twice : where.duplicateKeys()) { // the parser kept only the last of each
            error(twice, "written twice in the same object; the second would silently replace the first");
        }
        if (SheetLimits.check(top, this::error) > 0) {
            throw new SheetException(name, problems(where), List.of(), true); // nothing of it built
        }
        unknownKeys(top, TOP, "");
        format(top.get("format"));
        List<Parameter> params = parameters(top);
        Map<String, Integer> paramIndex = new HashMap<>();
        params.forEach(p -> paramIndex.put(p.name(), p.index()));

        List<Cue> cues = new ArrayList<>();
        Map<String, Cue> byName = new LinkedHashMap<>();
        JsonObject cuesObj = object(top, "cues", "", true);
        if (cuesObj != null) {
            if (cuesObj.isEmpty()) {
                error("cues", "a sheet needs at least one cue");
            }
            for (Map.Entry<String, JsonElement> e : cuesObj.entrySet()) {
                String path = "cues." + e.getKey();
                if (e.getKey().equals("*") || e.getKey().equals("silence")) {
                    error(path, "'" + e.getKey() + "' is reserved and cannot name a cue");
                    continue;
                }
                if (!e.getValue().isJsonObject()) {
                    error(path, "a cue is a JSON object");
                    continue;
                }
                Cue c = cue(e.getKey(), cues.size(), e.getValue().getAsJsonObject(), path, paramIndex);
                if (c != null) {
                    cues.add(c);
                    byName.put(c.name(), c);
                }
            }
        }
        List<String> states = new ArrayList<>();
        List<Integer> stateCues = new ArrayList<>();
        JsonObject statesObj = object(top, "states", "", false);
        if (statesObj != null) {
            for (Map.Entry<String, JsonElement> e : statesObj.entrySet()) {
                String path = "states." + e.getKey();
                JsonElement v = e.getValue();
                int idx = -1;
                if (v.isJsonNull() || (v.isJsonPrimitive() && v.getAsString().equals("silence"))) {
                    idx = -1;
                } else if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isString()) {
                    Cue c = byName.get(v.getAsString());
                    if (c == null) {
                        if (cuesObj == null || !cuesObj.has(v.getAsString())) {
                            error(path, "no cue named '" + v.getAsString() + "'" + suggest(v.getAsString(), cuesObj));
                        }
                        continue;
                    }
                    idx = c.index();
                } else {
                    error(path, "a state maps to a cue name, or null for silence");
                    continue;
                }
                states.add(e.getKey());
                stateCues.add(idx);
            }
        }
        stems.decodeHeads();
        RuleReader ruleReader = new RuleReader(errors, errorPaths);
        List<TransitionRule> rules = ruleReader.rules(top, byName, cuesObj);
        List<Stinger> stingers = ruleReader.stingers(top, byName, cuesObj);
        BusReader busReader = new BusReader(errors, errorPaths);
        Lowpass lowpass = busReader.lowpass(top, paramIndex);
        List<Duck> ducks = busReader.ducks(top);
        if (!errors.isEmpty()) {
            throw new SheetException(name, problems(where), stems.failures(), true);
        }
        if (decoded != null) {
            decoded.retain(stems.keys());
        }
        return new CueSheet(file, sampleRate, cues, byName, states,
                stateCues.stream().mapToInt(Integer::intValue).toArray(), rules, stingers, params, lowpass, ducks);
    }

    /** The sheet format this loader reads. */
    static final int FORMAT = 1;

    /** {@code "format"}, when given, is this loader's: a sheet for another Segue is an error, not a guess. */
    private void format(JsonElement f) {
        if (f == null) {
            return;
        }
        if (!f.isJsonPrimitive() || !f.getAsJsonPrimitive().isNumber()) {
            error("format", "the format is the number " + FORMAT + ", not " + f);
        } else if (f.getAsDouble() != FORMAT) {
            error("format", "this Segue reads cue sheet format " + FORMAT + "; the sheet is format " + f.getAsString()
                    + (f.getAsDouble() > FORMAT ? " (written for a newer Segue?)" : ""));
        }
    }

    /** Every error found, with the line and column of the value its path names. */
    private List<SheetException.Problem> problems(JsonLocator where) {
        List<SheetException.Problem> out = new ArrayList<>();
        for (int i = 0; i < errors.size(); i++) {
            String path = errorPaths.get(i);
            // an unknown field is pointed at by its key; anything else by its value
            JsonLocator.Location at = errors.get(i).endsWith("unknown field") || errors.get(i).contains(": unknown field;")
                    ? where.keyOf(path) : where.locate(path);
            out.add(new SheetException.Problem(path, at.line(), at.column(), errors.get(i).substring(path.length() + 2)));
        }
        return out;
    }

    // ---------------------------------------------------------------- parameters

    private List<Parameter> parameters(JsonObject top) {
        List<Parameter> out = new ArrayList<>();
        JsonObject obj = object(top, "parameters", "", false);
        if (obj == null) {
            return out;
        }
        for (Map.Entry<String, JsonElement> e : obj.entrySet()) {
            String path = "parameters." + e.getKey();
            if (!e.getValue().isJsonObject()) {
                error(path, "a parameter is an object like {\"min\": 0, \"max\": 1, \"default\": 0}");
                continue;
            }
            JsonObject p = e.getValue().getAsJsonObject();
            unknownKeys(p, Set.of("min", "max", "default", "smoothing"), path);
            double min = number(p, "min", path, 0, -PARAMETER_RANGE, PARAMETER_RANGE, "");
            double max = number(p, "max", path, 1, -PARAMETER_RANGE, PARAMETER_RANGE, "");
            double def = number(p, "default", path, min, -PARAMETER_RANGE, PARAMETER_RANGE, "");
            if (!(min < max)) {
                error(path + ".max", "max (" + max + ") must be greater than min (" + min + ")");
            } else if (def < min || def > max) {
                error(path + ".default", "default " + def + " is outside " + min + ".." + max);
            }
            double smoothing = 0;
            if (p.has("smoothing")) {
                MusicalLength l = length(p.get("smoothing"), path + ".smoothing");
                if (l != null) {
                    if (l.unit() != MusicalLength.Unit.MS || l.value() < 0) {
                        error(path + ".smoothing", "smoothing is a time such as '250 ms'");
                    } else {
                        smoothing = l.value();
                    }
                }
            }
            out.add(new Parameter(e.getKey(), out.size(), (float) min, (float) max, (float) def, (float) smoothing));
        }
        return out;
    }

    // ---------------------------------------------------------------- cues

    private Cue cue(String name, int index, JsonObject o, String path, Map<String, Integer> params) {
        int before = errors.size();
        unknownKeys(o, CUE, path);
        TempoMap tempo = new TempoReader(errors, errorPaths, sampleRate).tempo(o, path);
        List<Stem> stems = new ArrayList<>();
        JsonArray arr = array(o, "stems", path, true);
        long longest = 0;
        if (arr != null) {
            if (arr.isEmpty()) {
                error(path + ".stems", "a cue needs at least one stem");
            }
            Set<String> names = new java.util.HashSet<>();
            for (int i = 0; i < arr.size(); i++) {
                String sp = path + ".stems[" + i + "]";
                if (!arr.get(i).isJsonObject()) {
                    error(sp, "a stem is an object like {\"name\": \"drums\", \"file\": \"drums.wav\"}");
                    continue;
                }
                Stem s = stem(name, arr.get(i).getAsJsonObject(), sp, params);
                if (s != null) {
                    if (!names.add(s.name())) {
                        error(sp + ".name", "another stem of this cue is already named '" + s.name() + "'");
                    }
                    stems.add(s);
                    longest = Math.max(longest, s.frames());
                }
            }
        }
        if (tempo == null) {
            return null;
        }
        boolean stemsOk = errors.size() == before;
        long length = stemsOk ? longest : Long.MAX_VALUE; // unknown: do not judge positions against it
        if (o.has("length")) {
            long l = position(o.get("length"), tempo, path + ".length", Long.MAX_VALUE);
            if (l > 0) {
                length = l;
            } else if (l == 0) {
                error(path + ".length", "a cue cannot be empty");
            }
        }
        long loopStart = -1;
        long loopEnd = -1;
        long loopCrossfade = 0;
        if (o.has("loop")) {
            JsonObject loop = o.get("loop").isJsonObject() ? o.getAsJsonObject("loop") : null;
            if (loop == null) {
                error(path + ".loop", "loop is an object like {\"start\": \"2:1\", \"end\": \"10:1\"}");
            } else {
                unknownKeys(loop, Set.of("start", "end", "crossfade"), path + ".loop");
                loopStart = loop.has("start") ? position(loop.get("start"), tempo, path + ".loop.start", length) : 0;
                loopEnd = loop.has("end") ? position(loop.get("end"), tempo, path + ".loop.end", length) : length;
                if (loopEnd == Long.MAX_VALUE) {
                    loopEnd = -1; // the stems' length is unknown after an error
                }
                if (loopStart >= 0 && loopEnd >= 0 && loopEnd <= loopStart) {
                    error(path + ".loop", "the loop ends (frame " + loopEnd + ") before it starts (frame " + loopStart + ")");
                }
                if (loop.has("crossfade")) {
                    loopCrossfade = loopCrossfade(loop.get("crossfade"), tempo, loopStart, loopEnd, path + ".loop.crossfade");
                }
            }
        }
        long entry = o.has("entry") ? position(o.get("entry"), tempo, path + ".entry", length) : 0;
        List<Long> exits = new ArrayList<>();
        JsonArray ex = array(o, "exits", path, false);
        if (ex != null) {
            for (int i = 0; i < ex.size(); i++) {
                long f = position(ex.get(i), tempo, path + ".exits[" + i + "]", length);
                if (f >= 0) {
                    exits.add(f);
                }
            }
        }
        List<Marker> markers = new ArrayList<>();
        JsonObject mk = object(o, "markers", path, false);
        if (mk != null) {
            for (Map.Entry<String, JsonElement> e : mk.entrySet()) {
                long f = position(e.getValue(), tempo, path + ".markers." + e.getKey(), length);
                if (f >= 0) {
                    markers.add(new Marker(e.getKey(), f));
                }
            }
        }
        if (errors.size() > before) {
            return null;
        }
        markers.sort((a, b) -> Long.compare(a.frame(), b.frame()));
        for (Stem s : stems) {
            if (s.streamed()) { // the frames a playback can jump to, kept in memory
                s.stream().addJumpTarget(0);
                s.stream().addJumpTarget(Math.max(0, entry));
                if (loopStart >= 0 && loopEnd > loopStart) {
                    s.stream().addJumpTarget(loopStart);
                    s.stream().addJumpTarget(loopEnd);
                }
            }
        }
        return new Cue(name, index, tempo, stems.toArray(new Stem[0]), length, loopStart, loopEnd, Math.max(0, entry),
                exits.stream().mapToLong(Long::longValue).sorted().toArray(), markers.toArray(new Marker[0]),
                loopCrossfade);
    }

    /**
     * The loop's crossfade in frames: it reads the audio just before the loop's start, so it cannot be
     * longer than the intro, nor than half the loop.
     */
    private long loopCrossfade(JsonElement el, TempoMap tempo, long loopStart, long loopEnd, String path) {
        MusicalLength l = length(el, path);
        if (l == null || loopStart < 0 || loopEnd <= loopStart) {
            return 0;
        }
        long f = l.toFrames(tempo, Math.max(0, loopEnd - 1));
        if (f < 0) {
            error(path, "a loop crossfade cannot be negative");
            return 0;
        }
        if (f > loopStart) {
            error(path, "a loop crossfade of " + f + " frames needs as much audio before the loop's start (frame "
                    + loopStart + "): it crossfades into what leads into the loop start");
            return 0;
        }
        if (f > (loopEnd - loopStart) / 2) {
            error(path, "a loop crossfade of " + f + " frames is longer than half the loop (" + (loopEnd - loopStart)
                    + " frames)");
            return 0;
        }
        return f;
    }

    private Stem stem(String cue, JsonObject s, String path, Map<String, Integer> params) {
        unknownKeys(s, STEM, path);
        String name = string(s, "name", path, true);
        String file = string(s, "file", path, true);
        float gain = (float) Math.pow(10, number(s, "gainDb", path, 0, MIN_DB, MAX_DB, "dB") / 20);
        GainCurve curve = null;
        if (s.has("gainCurve")) {
            curve = gainCurve(s.get("gainCurve"), path + ".gainCurve", params);
        }
        if (file == null || name == null) {
            return null;
        }
        Object audio = stems.audio(file, new StemAudio.StemRef(path + ".file", cue, name));
        if (audio == null) {
            return null;
        }
        return audio instanceof StreamedPcm st ? new Stem(name, file, null, st, gain, curve)
                : new Stem(name, file, (PcmData) audio, null, gain, curve);
    }

    private GainCurve gainCurve(JsonElement el, String path, Map<String, Integer> params) {
        Points c = parameterCurve(el, path, params, "a gain curve",
                "{\"parameter\": \"intensity\", \"points\": [[0, 0], [1, 1]]}", "[parameter value, gain], e.g. [0.5, 1]",
                0, 4, "gain %s is outside 0..4 (linear gain; 1 = unchanged)");
        return c == null ? null : new GainCurve(c.parameter(), c.xs(), c.ys());
    }
}
