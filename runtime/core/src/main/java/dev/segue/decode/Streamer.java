package dev.segue.decode;

import dev.segue.report.BugReport;
import java.io.IOException;
import java.util.concurrent.locks.LockSupport;

/**
 * Decodes streamed stems ahead into their playbacks' {@link StreamVoice} rings, following each
 * playback's plan in timeline order: from its start position, through loop wraps or on into the
 * outro. The voices are allocated here, when Segue is built.
 *
 * <p>Real time: one daemon thread ({@link #start}) visits every voice in turn, handling plan changes
 * first and then decoding one chunk where the ring has room, and sleeps a millisecond when there is
 * nothing to do. A voice bound for a playback that starts later (a transition on the next bar) is
 * opened, sought and filled before its start frame.
 *
 * <p>Offline ({@code synchronous}): no thread; the mixer calls {@link #prepare} at every control
 * segment and the rings are filled right there, so the output never depends on thread timing.
 *
 * <p>A file that fails (deleted, truncated, corrupt) marks its voice failed and is reported once
 * through {@link Errors}; the voice plays silence, everything else goes on.
 */
public final class Streamer implements AutoCloseable {
    /** Frames decoded per visit to a voice. */
    static final int CHUNK = 4096;

    /** Where a stream's failure is reported (called on the streaming thread, or the rendering thread offline). */
    public interface Errors {
        /**
         * @param frame music frame the voice was filling when the file failed
         * @param e     the failure; an {@link AudioFormatException} names the file, byte offset and reason
         */
        void failed(String cue, String stem, StreamedPcm file, long frame, IOException e);
    }

    private final StreamVoice[] voices;
    private final boolean synchronous;
    private final Errors errors;
    private volatile boolean running;
    private Thread thread;

    /**
     * @param voices      how many streamed stems may play at once
     * @param ringFrames  frames each voice's ring holds
     * @param synchronous fill in {@link #prepare} (offline) instead of on a thread
     */
    public Streamer(int voices, int ringFrames, boolean synchronous, Errors errors) {
        this.voices = new StreamVoice[voices];
        for (int i = 0; i < voices; i++) {
            this.voices[i] = new StreamVoice(ringFrames);
        }
        this.synchronous = synchronous;
        this.errors = errors;
    }

    /** A free voice, or null if all are in use. Mixer side; allocation-free. */
    public StreamVoice acquire() {
        for (StreamVoice v : voices) {
            if (v.free()) {
                return v;
            }
        }
        return null;
    }

    /** How many voices there are. */
    public int size() {
        return voices.length;
    }

    /**
     * Called by the mixer at every control segment, after it bound voices and published plans. Offline,
     * fills every voice whose ring is less than half full; in real time, nothing (the thread does it).
     */
    public void prepare() {
        if (!synchronous) {
            return;
        }
        for (StreamVoice v : voices) {
            int st = v.state.get();
            if (st == StreamVoice.FREE) {
                continue;
            }
            if (st == StreamVoice.BOUND && v.writeF.get() - v.readF.get() >= v.capacity / 2 && v.ack.get() == v.version.get()) {
                continue;
            }
            while (service(v)) {
                // fill it up
            }
        }
    }

    /**
     * Whether every bound voice has applied its plan and holds at least half a ring ahead (or has
     * failed). For tests and tools that pull audio and want the streamer caught up first.
     */
    public boolean caughtUp() {
        for (StreamVoice v : voices) {
            if (v.state.get() == StreamVoice.RELEASED) {
                return false;
            }
            if (v.state.get() == StreamVoice.BOUND && v.failed.get() == 0 && (v.ack.get() != v.version.get()
                    || v.writeF.get() - v.readF.get() < v.capacity / 2)) {
                return false;
            }
        }
        return true;
    }

    /** Starts the streaming thread (real time only). */
    public void start() {
        if (synchronous || thread != null) {
            return;
        }
        running = true;
        thread = BugReport.thread(this::loop, "segue-streamer");
        thread.setPriority(Math.min(Thread.MAX_PRIORITY, Thread.NORM_PRIORITY + 2));
        thread.start();
    }

    private void loop() {
        while (running) {
            boolean worked = false;
            for (StreamVoice v : voices) {
                worked |= service(v);
            }
            if (!worked) {
                LockSupport.parkNanos(1_000_000);
            }
        }
    }

    /** Stops the thread and closes every open file. */
    @Override
    public void close() {
        running = false;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (StreamVoice v : voices) {
            closeSource(v);
        }
    }

    /**
     * One step of work on {@code v}: frees it if released, applies a new plan, or decodes one chunk.
     *
     * @return whether there was anything to do
     */
    boolean service(StreamVoice v) {
        int st = v.state.get();
        if (st == StreamVoice.RELEASED) {
            v.state.set(StreamVoice.FREE);
            return true;
        }
        if (st != StreamVoice.BOUND) {
            return false;
        }
        if (v.binding != v.seenBinding) {
            v.seenBinding = v.binding;
            if (v.srcDef != v.def) {
                closeSource(v);
            }
        }
        long ver = v.version.get();
        if (ver != v.ack.get()) {
            return applyPlan(v, ver);
        }
        if (v.failed.get() != 0) {
            return false;
        }
        long limit = v.readF.get() + v.capacity;
        long f = v.writeF.get();
        if (f >= limit) {
            return false;
        }
        try {
            return fill(v, f, limit);
        } catch (IOException | RuntimeException e) {
            v.failed.set(1);
            closeSource(v);
            IOException io = e instanceof IOException x ? x : new AudioFormatException(v.def.name(), -1, String.valueOf(e));
            errors.failed(v.cueName, v.stemName, v.def, f, io);
            return true;
        }
    }

    private static boolean applyPlan(StreamVoice v, long ver) {
        if ((ver & 1) != 0) {
            return true; // the mixer is writing it
        }
        long anchorF = v.planAnchorF.get();
        long anchorPos = v.planAnchorPos.get();
        long until = v.planLoopUntil.get();
        boolean looping = v.planLooping.get() != 0;
        long cut = v.cut.get();
        if (v.version.get() != ver) {
            return true; // changed while read: again
        }
        long w = v.writeF.get();
        if (cut < w) {
            long nw = Math.max(cut, v.readF.get());
            long tail = v.runTail.get();
            long head = v.runHead.get();
            while (tail > head && v.runF[(int) ((tail - 1) % StreamVoice.RUNS)] >= nw) {
                tail--;
            }
            v.runTail.set(tail);
            v.writeF.set(Math.min(w, nw));
        }
        v.pAnchorF = anchorF;
        v.pAnchorPos = anchorPos;
        v.pLoopUntil = until;
        v.pLooping = looping;
        v.ack.set(ver);
        return true;
    }

    /** Decodes one chunk at music frame {@code f} (at most up to {@code limit}) into the ring. */
    private boolean fill(StreamVoice v, long f, long limit) throws IOException {
        StreamedPcm d = v.def;
        long pos = v.pos(f);
        int slot = v.slot(f);
        long n = Math.min(Math.min(limit - f, CHUNK), v.capacity - slot);
        n = Math.min(n, v.untilJump(f, pos));
        boolean silent = pos >= d.frames();
        if (!silent) {
            n = Math.min(n, d.frames() - pos);
        }
        long tail = v.runTail.get();
        long head = v.runHead.get();
        long readF = v.readF.get();
        while (tail - head > 1 && v.runF[(int) ((head + 1) % StreamVoice.RUNS)] <= readF) {
            head++;
        }
        v.runHead.set(head);
        boolean continues = tail > head
                && v.runPos[(int) ((tail - 1) % StreamVoice.RUNS)] + (f - v.runF[(int) ((tail - 1) % StreamVoice.RUNS)]) == pos;
        if (!continues && tail - head >= StreamVoice.RUNS) {
            return false; // every tag in use (a very short loop): wait for the mixer to play some
        }
        int ch = v.channels;
        int count = (int) n;
        if (silent) {
            java.util.Arrays.fill(v.ring, slot * ch, (slot + count) * ch, 0f);
        } else {
            decode(v, d, pos, slot, count);
        }
        if (!continues) {
            int r = (int) (tail % StreamVoice.RUNS);
            v.runF[r] = f;
            v.runPos[r] = pos;
            v.runTail.set(tail + 1);
        }
        v.writeF.set(f + count);
        return true;
    }

    private void decode(StreamVoice v, StreamedPcm d, long pos, int slot, int count) throws IOException {
        if (v.src == null) {
            v.src = d.open();
            v.srcDef = d;
            v.srcPos = 0;
            d.check(v.src);
        }
        PcmSource s = v.src;
        if (v.srcPos != pos) {
            s.seek(pos);
            v.srcPos = pos;
        }
        int ch = s.channels(); // mono or stereo: AudioFiles folds more channels to stereo
        int n = 0;
        while (n < count) {
            int got = s.read(v.ring, (slot + n) * ch, count - n);
            if (got <= 0) {
                throw new AudioFormatException(d.name(), -1, "the file ended at frame " + (pos + n) + "; it had "
                        + d.frames() + " frames when the sheet was loaded");
            }
            n += got;
        }
        v.srcPos = pos + count;
    }

    private static void closeSource(StreamVoice v) {
        if (v.src != null) {
            try {
                v.src.close();
            } catch (IOException ignored) {
                // closing a file we only read: nothing to recover
            }
            v.src = null;
            v.srcDef = null;
            v.srcPos = -1;
        }
    }
}
