package dev.segue.cue;

import dev.segue.decode.AudioFiles;
import dev.segue.decode.AudioFormatException;
import dev.segue.decode.PcmData;
import dev.segue.decode.PcmSource;
import dev.segue.decode.Source;
import dev.segue.decode.Sources;
import dev.segue.decode.StreamedPcm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stems' audio for one load of a sheet: each file checked to lie in the sheet's folder (its real
 * path, so a symbolic link cannot lead out) and to be a regular file, then decoded into memory
 * (shared with earlier loads through {@link DecodedStems}) or, above the streaming threshold, opened
 * as a {@link StreamedPcm} whose heads are decoded once every jump target is known. A file that
 * cannot be read is an error at its stem's path and a {@link SheetException.StemFailure} record.
 */
final class StemAudio extends SheetValues {
    /** A stem as the sheet names it: its JSON path, its cue and its name. */
    record StemRef(String path, String cue, String stem) {
    }

    private final int sampleRate;
    private final long streamAbove;
    private final int headFrames;
    /** The sheet's folder when the sheet is a file, else null (then stems resolve through {@link #sheet}). */
    private final Path dir;
    private final Source sheet;
    /** Stems decoded by earlier loads of the same Segue, or null. */
    private final DecodedStems decoded;
    private final Map<Path, Object> audioCache = new HashMap<>();
    /** Stems of a sheet that is not a file, by name. */
    private final Map<String, Object> sourceCache = new HashMap<>();
    /** Streamed files, with the first stem that names each (for errors). */
    private final Map<StreamedPcm, StemRef> streamed = new LinkedHashMap<>();
    /** Stems whose audio could not be read, as records. */
    private final List<SheetException.StemFailure> stemFailures = new ArrayList<>();

    StemAudio(List<String> errors, List<String> errorPaths, int sampleRate, long streamAbove, int headFrames, Source sheet,
            DecodedStems decoded) {
        super(errors, errorPaths);
        this.sampleRate = sampleRate;
        this.streamAbove = streamAbove;
        this.headFrames = headFrames;
        this.sheet = sheet;
        this.dir = sheet.file() == null ? null : sheet.file().getParent();
        this.decoded = decoded;
    }

    /** The stems read so far, keyed as {@link DecodedStems} keys them: files' paths, other sources' names. */
    Set<String> keys() {
        Set<String> k = new java.util.HashSet<>(sourceCache.keySet());
        audioCache.keySet().forEach(p -> k.add(p.toString()));
        return k;
    }

    /** The stems that could not be read. */
    List<SheetException.StemFailure> failures() {
        return stemFailures;
    }

    /**
     * The file's audio: a {@link PcmData} in memory, or a {@link StreamedPcm} if longer than the
     * threshold.
     */
    Object audio(String file, StemRef ref) {
        if (dir == null) {
            return audioFromSource(file, ref);
        }
        String path = ref.path();
        Path rel;
        try {
            rel = Paths.get(file);
        } catch (java.nio.file.InvalidPathException e) {
            error(path, "'" + file + "' is not a valid path");
            return null;
        }
        Path p = dir.resolve(rel).normalize();
        if (rel.isAbsolute() || !p.startsWith(dir)) {
            error(path, "'" + file + "' is outside the sheet's folder; stems must live beside the sheet");
            return null;
        }
        String escape = escapes(p);
        if (escape != null) {
            error(path, "'" + file + "' " + escape + "; stems must live beside the sheet");
            return null;
        }
        if (audioCache.containsKey(p)) {
            return audioCache.get(p);
        }
        if (!Files.isRegularFile(p)) {
            stemFailed(ref, file, !Files.exists(p) ? "no such file '" + file + "'" : Files.isDirectory(p)
                    ? "'" + file + "' is a folder, not an audio file" : "'" + file + "' is not a regular file (a pipe, socket or device)");
            return null;
        }
        DecodedStems.Stamp stamp = decoded == null ? null : DecodedStems.stamp(p);
        PcmData kept = stamp == null ? null : decoded.get(p.toString(), sampleRate, stamp);
        if (kept != null) {
            audioCache.put(p, kept);
            return kept;
        }
        Object d = decode(Sources.file(p), file, ref);
        if (d instanceof PcmData && decoded != null) {
            decoded.put(p.toString(), sampleRate, stamp, (PcmData) d);
        }
        if (d != null) {
            audioCache.put(p, d);
        }
        return d;
    }

    /**
     * A stem of a sheet that is not a file (a jar entry, a classpath resource, a libGDX asset): named
     * relative to the sheet, never above the folder the sheet is in. One that cannot seek is read once
     * for this load ({@link Sources#readOnce}); detecting, decoding and every streamed voice read that copy.
     */
    private Object audioFromSource(String file, StemRef ref) {
        Source src;
        try {
            src = Sources.readOnce(sheet.resolve(file));
        } catch (IOException e) {
            error(ref.path(), e.getMessage() + "; stems must live beside the sheet");
            return null;
        }
        String key = src.name();
        if (sourceCache.containsKey(key)) {
            return sourceCache.get(key);
        }
        DecodedStems.Stamp stamp = decoded == null ? null : DecodedStems.stamp(src);
        PcmData kept = stamp == null ? null : decoded.get(key, sampleRate, stamp);
        if (kept != null) {
            sourceCache.put(key, kept);
            return kept;
        }
        Object d = decode(src, file, ref);
        if (d instanceof PcmData && decoded != null) {
            decoded.put(key, sampleRate, stamp, (PcmData) d);
        }
        if (d != null) {
            sourceCache.put(key, d);
        }
        return d;
    }

    /** Decodes {@code src} into memory, or opens it streamed above the threshold; null (with a failure) if it cannot. */
    private Object decode(Source src, String file, StemRef ref) {
        try {
            PcmSource pcm = AudioFiles.open(src, sampleRate); // resampled to the mixer rate if need be
            if (pcm.frames() > streamAbove) {
                try (pcm) {
                    StreamedPcm st = StreamedPcm.of(src, sampleRate, pcm);
                    streamed.put(st, ref);
                    return st;
                }
            }
            return PcmData.load(pcm);
        } catch (AudioFormatException e) {
            stemFailed(ref, file, "no such file".equals(e.reason()) ? "no such file '" + file + "'"
                    : "cannot read '" + file + "': " + e.reason());
        } catch (IOException e) {
            stemFailed(ref, file, "cannot read '" + file + "': " + e);
        }
        return null;
    }

    /**
     * Why {@code p}, inside the sheet's folder by name, really lies elsewhere (a symbolic link, itself
     * or a folder on the way, pointing out of it), or null. A file that does not exist yet is judged
     * by its nearest existing folder.
     */
    private String escapes(Path p) {
        try {
            Path root = dir.toRealPath();
            Path q = p;
            while (q != null && !Files.exists(q, LinkOption.NOFOLLOW_LINKS)) {
                q = q.getParent();
            }
            if (q == null || !Files.exists(q)) {
                return q == null ? null : "is a link to nothing";
            }
            Path real = q.toRealPath();
            return real.startsWith(root) ? null : "is a link to " + real + ", outside the sheet's folder";
        } catch (IOException e) {
            return null; // unreadable: reading the stem says why
        }
    }

    /** A stem's audio could not be read: an error at its path, and a record of it. */
    private void stemFailed(StemRef ref, String file, String why) {
        error(ref.path(), why);
        stemFailures.add(new SheetException.StemFailure(ref.cue(), ref.stem(), file, why));
    }

    /** Decodes the resident heads of every streamed file, now that every cue's jump targets are known. */
    void decodeHeads() {
        for (Map.Entry<StreamedPcm, StemRef> e : streamed.entrySet()) {
            try {
                e.getKey().decodeHeads(headFrames / 2, headFrames);
            } catch (AudioFormatException x) {
                stemFailed(e.getValue(), e.getKey().name(), "cannot read '" + e.getKey().name() + "': " + x.reason());
            } catch (IOException x) {
                stemFailed(e.getValue(), e.getKey().name(), "cannot read '" + e.getKey().name() + "': " + x);
            }
        }
    }
}
