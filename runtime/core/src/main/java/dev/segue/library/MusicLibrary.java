package dev.segue.library;

import dev.segue.report.BugReport;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The player's music library: the songs found under the folders they chose, cached in an index file
 * so a rescan only opens what changed, plus each song's analysis (beats, loudness) once made.
 *
 * <pre>{@code
 * MusicLibrary lib = MusicLibrary.open(MusicLibrary.defaultIndexFile());
 * LibraryTask<ScanReport> scan = lib.scan(List.of(LibraryPaths.musicDir()), 1, null);
 * // each frame: show scan.progress(); a button calls scan.cancel()
 * ScanReport r = scan.await();     // r.songs(), r.skipped() with reasons
 * }</pre>
 *
 * <p>Thread-safe: scans and analyses run on their own threads and publish into the library when done.
 */
public final class MusicLibrary {
    /** The index file's name inside {@link LibraryPaths#configDir()}. */
    public static final String INDEX_FILE = "library-index.json";

    private final Path indexFile;
    private final List<String> problems = new ArrayList<>();
    /** Path → entry, for every file of the last scan (songs and skipped files). */
    private final Map<String, Index.Entry> entries = new HashMap<>();

    private MusicLibrary(Path indexFile) {
        this.indexFile = indexFile;
    }

    /** {@code configDir()/library-index.json}. */
    public static Path defaultIndexFile() {
        return LibraryPaths.configDir().resolve(INDEX_FILE);
    }

    /**
     * Opens the library cached in {@code indexFile} (empty if there is none yet). A damaged index is
     * kept aside, reported in {@link #problems()}, and rebuilt by the next scan.
     */
    public static MusicLibrary open(Path indexFile) {
        MusicLibrary lib = new MusicLibrary(indexFile);
        JsonFiles.Loaded<Index.Stored> loaded = Index.load(indexFile);
        if (loaded.problem() != null) {
            lib.problems.add(loaded.problem());
        }
        for (Index.Entry e : loaded.value().entries()) {
            lib.entries.put(e.path(), e);
        }
        return lib;
    }

    /** Messages about the index file (damaged and replaced, could not be written). */
    public synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    /** The index file. */
    public Path indexFile() {
        return indexFile;
    }

    /** Every song, sorted by path. */
    public synchronized List<Song> songs() {
        List<Song> out = new ArrayList<>();
        for (Index.Entry e : entries.values()) {
            if (e.song() != null) {
                out.add(e.song());
            }
        }
        out.sort(Comparator.comparing(Song::path));
        return out;
    }

    /** The song at {@code path}, if the library has it. */
    public synchronized Optional<Song> song(String path) {
        Index.Entry e = entries.get(path);
        return e == null ? Optional.empty() : Optional.ofNullable(e.song());
    }

    /**
     * The songs grouped by album ("artist — album", or the folder when untagged), each album in track
     * order: what "make a soundtrack from an album" offers.
     */
    public Map<String, List<Song>> albums() {
        Map<String, List<Song>> out = new TreeMap<>();
        for (Song s : songs()) {
            String key;
            if (!s.album().isEmpty()) {
                key = s.artist().isEmpty() ? s.album() : s.artist() + " — " + s.album();
            } else {
                Path parent = s.file().getParent();
                key = parent == null ? "" : parent.getFileName() == null ? parent.toString() : parent.getFileName().toString();
            }
            out.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
        }
        for (List<Song> album : out.values()) {
            album.sort(Comparator.comparingInt((Song s) -> s.track() == 0 ? Integer.MAX_VALUE : s.track())
                    .thenComparing(Song::path));
        }
        return out;
    }

    /**
     * Forgets every song and skipped file under {@code folder} (the player removed it from their
     * folders) and writes the index. A scan of other folders keeps what lies outside them; this is how
     * a folder leaves the library.
     *
     * @return how many songs were forgotten
     */
    public int removeFolder(Path folder) {
        Path root = folder.toAbsolutePath().normalize();
        int songs = 0;
        synchronized (this) {
            for (java.util.Iterator<Index.Entry> it = entries.values().iterator(); it.hasNext();) {
                Index.Entry e = it.next();
                if (Paths.get(e.path()).startsWith(root)) {
                    songs += e.song() != null ? 1 : 0;
                    it.remove();
                }
            }
        }
        saveIndex();
        return songs;
    }

    /** The song's analysis (beats, loudness), if it has been analysed and the file has not changed since. */
    public synchronized Optional<SongAnalysis> analysis(Song song) {
        Index.Entry e = entries.get(song.path());
        return e == null || e.song() == null || e.song().modified() != song.modified() || e.song().size() != song.size()
                ? Optional.empty() : Optional.ofNullable(e.analysis());
    }

    /**
     * Scans {@code roots} recursively in the background: lists every file (following links, never
     * round a loop), reuses what the index knows of files whose size and modification time are
     * unchanged, opens the rest (format by content, exact length, a first block decoded, tags), then
     * replaces what the library knew under those folders with what was found and writes the index.
     * Songs under other folders stay (see {@link #removeFolder}); a cancelled scan removes nothing.
     *
     * @param threads  files opened at once (1 leaves the game's cores alone; the CLI uses more)
     * @param listener hears every progress update on the scanning thread, or null
     */
    public LibraryTask<ScanReport> scan(List<Path> roots, int threads, Consumer<Progress> listener) {
        List<Path> copy = List.copyOf(roots);
        int n = Math.max(1, threads);
        return LibraryTask.start("segue-library-scan", listener, c -> runScan(copy, n, c));
    }

    private ScanReport runScan(List<Path> roots, int threads, LibraryTask.Control c) throws Exception {
        Walker w = new Walker();
        long[] listed = {0};
        w.walk(roots, c::cancelled, () -> {
            if (++listed[0] % 256 == 0) {
                c.report("listing", 0, listed[0], "");
            }
        });
        Map<String, Index.Entry> before;
        synchronized (this) {
            before = new HashMap<>(entries);
        }
        int total = w.files.size();
        Index.Entry[] found = new Index.Entry[total];
        List<Integer> toProbe = new ArrayList<>();
        int reused = 0;
        for (int i = 0; i < total; i++) {
            Walker.Found f = w.files.get(i);
            Index.Entry old = before.get(f.path().toString());
            if (old != null && old.size() == f.size() && old.modified() == f.modified()) {
                found[i] = old;
                reused++;
            } else {
                toProbe.add(i);
            }
        }
        AtomicInteger done = new AtomicInteger(reused);
        c.report("reading", reused, total, "");
        probeAll(w.files, toProbe, found, threads, c, done, total);
        boolean cancelled = c.cancelled();
        int added = 0;
        int changed = 0;
        Map<String, Index.Entry> after = new HashMap<>();
        for (int i = 0; i < total; i++) {
            Index.Entry e = found[i];
            if (e == null) {
                continue;
            }
            after.put(e.path(), e);
            Index.Entry old = before.get(e.path());
            if (e.song() != null && old != e) {
                if (old == null || old.song() == null) {
                    added++;
                } else {
                    changed++;
                }
            }
        }
        int removed = 0;
        for (Index.Entry old : before.values()) {
            if (!after.containsKey(old.path()) && old.song() != null) {
                if (cancelled || !under(old.path(), roots) && !isRoot(old.path(), roots)) {
                    // not reached (cancelled) or outside this scan's folders: keep what the index knew
                    after.put(old.path(), old);
                } else {
                    removed++;
                }
            }
        }
        List<Song> songs = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>(w.skipped);
        for (Index.Entry e : after.values()) {
            if (e.song() != null) {
                songs.add(e.song());
            } else if (under(e.path(), roots)) {
                skipped.add(new Skipped(e.path(), e.skipped()));
            }
        }
        songs.sort(Comparator.comparing(Song::path));
        skipped.sort(Comparator.comparing(Skipped::path));
        boolean dirty = added + changed + removed > 0 || after.size() != before.size() || !toProbe.isEmpty();
        synchronized (this) {
            entries.clear();
            entries.putAll(after);
        }
        if (dirty) {
            saveIndex();
        }
        c.report("done", done.get(), total, "");
        return new ScanReport(songs, skipped, added, changed, removed, reused, cancelled, c.elapsedSeconds());
    }

    private static void probeAll(List<Walker.Found> files, List<Integer> toProbe, Index.Entry[] found, int threads,
            LibraryTask.Control c, AtomicInteger done, int total) throws Exception {
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int k; !c.cancelled() && (k = next.getAndIncrement()) < toProbe.size();) {
                int i = toProbe.get(k);
                Walker.Found f = files.get(i);
                Probe.Result r = Probe.probe(f.path(), f.size(), f.modified());
                found[i] = new Index.Entry(f.path().toString(), f.size(), f.modified(), r.song(), r.reason(), null);
                int d = done.incrementAndGet();
                c.report("reading", d, total, f.path().toString());
            }
        };
        if (threads == 1 || toProbe.size() < 2) {
            worker.run();
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = BugReport.thread(r, "segue-library-probe");
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                fs.add(pool.submit(worker));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean under(String path, List<Path> roots) {
        Path p = Paths.get(path);
        for (Path r : roots) {
            if (p.startsWith(r.toAbsolutePath().normalize())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isRoot(String path, List<Path> roots) {
        return roots.stream().anyMatch(r -> r.toAbsolutePath().normalize().toString().equals(path));
    }

    /**
     * Measures {@code songs} in the background, one at a time, in one decode each: tempo and beats
     * ({@link BeatGrid}) and EBU R128 loudness and true peak ({@link LoudnessMeter}). Songs already
     * analysed are not decoded again; each result is kept in the index (written when the task ends or
     * is cancelled).
     * A song that fails to decode is left without a grid; the failure is in the returned map's absence
     * and in {@link #problems()}.
     */
    public LibraryTask<Map<String, SongAnalysis>> analyze(List<Song> songs, Consumer<Progress> listener) {
        List<Song> copy = List.copyOf(songs);
        return LibraryTask.start("segue-library-analyze", listener, c -> {
            Map<String, SongAnalysis> out = new LinkedHashMap<>();
            int i = 0;
            boolean fresh = false;
            for (Song s : copy) {
                if (c.cancelled()) {
                    break;
                }
                c.report("analysing", i, copy.size(), s.path());
                Optional<SongAnalysis> known = analysis(s);
                if (known.isPresent()) {
                    out.put(s.path(), known.get());
                } else {
                    try {
                        SongAnalysis g = Analyzer.analyze(s.file(), c::cancelled);
                        if (g != null) {
                            out.put(s.path(), g);
                            remember(s, g);
                            fresh = true;
                        }
                    } catch (IOException | RuntimeException e) {
                        synchronized (this) {
                            problems.add(s.path() + ": analysis failed: " + e.getMessage());
                        }
                    }
                }
                i++;
            }
            if (fresh) {
                saveIndex();
            }
            c.report("done", i, copy.size(), "");
            return Collections.unmodifiableMap(out);
        });
    }

    private synchronized void remember(Song s, SongAnalysis g) {
        Index.Entry e = entries.get(s.path());
        if (e != null && e.song() != null && e.song().modified() == s.modified() && e.song().size() == s.size()) {
            entries.put(s.path(), e.withAnalysis(g));
        }
    }

    private void saveIndex() {
        List<Index.Entry> snapshot;
        synchronized (this) {
            snapshot = new ArrayList<>(entries.values());
        }
        snapshot.sort(Comparator.comparing(Index.Entry::path));
        try {
            Index.save(indexFile, snapshot);
        } catch (IOException e) {
            synchronized (this) {
                problems.add("the library index " + indexFile + " could not be written (" + e
                        + "); the next scan reads every file again");
            }
        }
    }
}
