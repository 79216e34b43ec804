package dev.segue.gdx;

import com.badlogic.gdx.ApplicationAdapter;
import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.assets.AssetManager;
import com.badlogic.gdx.assets.loaders.resolvers.AbsoluteFileHandleResolver;
import com.badlogic.gdx.audio.AudioDevice;
import com.badlogic.gdx.backends.lwjgl3.Lwjgl3Application;
import com.badlogic.gdx.backends.lwjgl3.Lwjgl3ApplicationConfiguration;
import com.badlogic.gdx.backends.lwjgl3.audio.OpenALAudioDevice;
import dev.segue.CommandLatency;
import dev.segue.OutputStats;
import dev.segue.Segue;
import dev.segue.SegueEvent;
import dev.segue.openal.OpenAl;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * A child JVM for {@link GdxAudioOutputWindowTest}: plays the tone sheet in real time for a few
 * seconds and writes what it measured to a properties file.
 *
 * <p>{@code gdx OUT SHEET SECONDS BUFFER_SIZE BUFFER_COUNT [PERIOD]}: a real LWJGL3 application (run it under
 * Xvfb) whose {@code setAudioConfig} is {@code (16, BUFFER_SIZE, BUFFER_COUNT)}, the sheet loaded
 * through {@link CueSheetLoader} and played through {@link GdxAudioOutput}'s output on libGDX's
 * {@code AudioDevice}, wrapped to measure what its OpenAL source really holds after each write (its
 * play position, {@link OpenALAudioDevice#getPosition()}, against the frames written). With
 * {@code BUFFER_SIZE} 0, libGDX's audio is disabled. With
 * {@code PERIOD}, OpenAL Soft is asked first for that mixing period (x3), as {@link OpenAl#configure()} does.
 *
 * <p>{@code openal OUT SHEET SECONDS}: the same through Segue's OpenAL callback output
 * ({@link OpenAl}, its defaults), no libGDX.
 */
public final class PlaybackProbe {
    private PlaybackProbe() {
    }

    /** Measured by the wrapper on the audio thread; read at the end. */
    static volatile long measuredCount;
    static volatile long measuredSum;
    static volatile long measuredMin = Long.MAX_VALUE;
    static volatile long measuredMax;
    static volatile long devicesMade;

    /** Commands sent, one every 50 ms, for the latency figures. */
    static final long COMMAND_EVERY_NANOS = 50_000_000L;

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path out = Path.of(args[1]);
        Path sheet = Path.of(args[2]);
        double seconds = Double.parseDouble(args[3]);
        Properties p = new Properties();
        if (mode.equals("gdx")) {
            Lwjgl3ApplicationConfiguration c = new Lwjgl3ApplicationConfiguration();
            c.setTitle("segue-gdx probe");
            c.setWindowedMode(320, 200);
            c.setForegroundFPS(60);
            if (args[4].equals("0")) {
                c.disableAudio(true); // libGDX hands out a device that drops everything
            } else {
                c.setAudioConfig(16, Integer.parseInt(args[4]), Integer.parseInt(args[5]));
            }
            if (args.length > 6) {
                // OpenAL Soft's mixing period for every device of the process, libGDX's too, before it opens
                p.setProperty("periodAsked", Boolean.toString(OpenAl.configure(Integer.parseInt(args[6]), 3)));
            }
            new Lwjgl3Application(new Game(sheet, seconds, p), c);
        } else {
            try (Segue s = Segue.builder().cueSheet(sheet).output(new OpenAl()).build()) {
                Run r = new Run(s, seconds, p);
                while (!r.frame()) {
                    s.update();
                    Thread.sleep(16);
                }
            }
        }
        try (Writer w = Files.newBufferedWriter(out)) {
            p.store(w, mode);
        }
        System.out.println(mode + ": " + p);
        System.exit(0); // libGDX's and LWJGL's threads must not keep the JVM
    }

    /** The game: loads, plays, measures, exits. */
    static final class Game extends ApplicationAdapter {
        final Path sheet;
        final double seconds;
        final Properties p;
        AssetManager assets;
        Run run;
        Thread renderThread;
        volatile boolean offThread;

        Game(Path sheet, double seconds, Properties p) {
            this.sheet = sheet;
            this.seconds = seconds;
            this.p = p;
        }

        @Override
        public void create() {
            renderThread = Thread.currentThread();
            assets = new AssetManager(new AbsoluteFileHandleResolver(), false);
            assets.setLoader(Segue.class, new CueSheetLoader(assets.getFileHandleResolver()));
            CueSheetLoader.Parameters params = new CueSheetLoader.Parameters();
            params.output = () -> new AudioDeviceOutput(rate -> new Measuring(Gdx.audio.newAudioDevice(rate, false), rate),
                    "libGDX AudioDevice");
            assets.load(sheet.toString(), Segue.class, params);
        }

        @Override
        public void render() {
            if (run == null) {
                if (!assets.update()) {
                    return;
                }
                Segue s = assets.get(sheet.toString(), Segue.class);
                s.addListener(e -> {
                    if (Thread.currentThread() != renderThread) {
                        offThread = true;
                    }
                    if (e.type() == SegueEvent.Type.OUTPUT) {
                        p.setProperty("outputEvent", String.valueOf(e.message()));
                    }
                });
                run = new Run(s, seconds, p);
                return;
            }
            if (run.frame()) {
                p.setProperty("eventsOffRenderThread", Boolean.toString(offThread));
                p.setProperty("measuredQueuedMean", Long.toString(measuredCount == 0 ? -1 : measuredSum / measuredCount));
                p.setProperty("measuredQueuedMin", Long.toString(measuredMin));
                p.setProperty("measuredQueuedMax", Long.toString(measuredMax));
                p.setProperty("measuredBlocks", Long.toString(measuredCount));
                p.setProperty("devicesMade", Long.toString(devicesMade));
                Gdx.app.exit(); // the attachment closes the Segue as the application is disposed
            }
        }
    }

    /**
     * One timed run, frame by frame on the caller's thread (the events are delivered by whoever calls
     * update: the attachment in the window, the loop in {@link #main}).
     */
    static final class Run {
        final Segue s;
        final double seconds;
        final Properties p;
        final long t0 = System.nanoTime();
        long start;
        long startFrame = -1;
        long nextCommand;
        long beats;
        long queuedSum;
        long queuedSamples;

        Run(Segue s, double seconds, Properties p) {
            this.s = s;
            this.seconds = seconds;
            this.p = p;
            s.addListener(e -> {
                if (e.type() == SegueEvent.Type.BEAT) {
                    beats++;
                }
            });
            s.setState("play");
        }

        /** One frame; true when done (the figures are in {@link #p}). */
        boolean frame() {
            long now = System.nanoTime();
            if (startFrame < 0) {
                if (now - t0 > 500_000_000L) { // half a second to settle
                    start = now;
                    startFrame = s.frame();
                    nextCommand = now;
                }
                return false;
            }
            if (now >= nextCommand) {
                s.setVolume(1f); // measured like any command; changes nothing
                nextCommand += COMMAND_EVERY_NANOS;
            }
            OutputStats o = s.outputStats();
            queuedSum += o.queuedFrames();
            queuedSamples++;
            if (now - start < seconds * 1e9) {
                return false;
            }
            long frames = s.frame() - startFrame;
            double wall = (now - start) / 1e9;
            CommandLatency c = s.commandLatency();
            p.setProperty("output", o.device());
            p.setProperty("silent", Boolean.toString(o.silent()));
            p.setProperty("clockRatio", String.format(Locale.ROOT, "%.4f", frames / (wall * s.sampleRate())));
            p.setProperty("wallSeconds", String.format(Locale.ROOT, "%.3f", wall));
            p.setProperty("framesWritten", Long.toString(o.framesWritten()));
            p.setProperty("underruns", Long.toString(o.underruns()));
            p.setProperty("beats", Long.toString(beats));
            p.setProperty("reportedQueuedMean", Long.toString(queuedSamples == 0 ? -1 : queuedSum / queuedSamples));
            p.setProperty("queueBuffers", Integer.toString(o.queueBuffers()));
            p.setProperty("blockFrames", Integer.toString(o.blockFrames()));
            p.setProperty("devicePeriodFrames", Integer.toString(o.devicePeriodFrames()));
            p.setProperty("deviceLatencyMs", String.format(Locale.ROOT, "%.2f", o.deviceLatencyMillis()));
            p.setProperty("commands", Long.toString(c.commands()));
            p.setProperty("reactionP50", Integer.toString(c.reaction().p50()));
            p.setProperty("toOutputP50", Integer.toString(c.toOutput().p50()));
            p.setProperty("toOutputP99", Integer.toString(c.toOutput().p99()));
            p.setProperty("toOutputMax", Integer.toString(c.toOutput().max()));
            p.setProperty("toEarP50", Integer.toString(c.toEar().p50()));
            p.setProperty("toEarP99", Integer.toString(c.toEar().p99()));
            p.setProperty("load", String.format(Locale.ROOT, "%.4f", o.load()));
            return true;
        }
    }

    /**
     * libGDX's LWJGL3 device, measured: after each write, the frames written minus the source's play
     * position is what it really holds. On the audio thread, after the first second.
     */
    static final class Measuring implements AudioDevice {
        final AudioDevice d;
        final int rate;
        long written;
        final long t0 = System.nanoTime();

        Measuring(AudioDevice d, int rate) {
            this.d = d;
            this.rate = rate;
            devicesMade++;
        }

        @Override
        public void writeSamples(float[] samples, int offset, int numSamples) {
            d.writeSamples(samples, offset, numSamples);
            written += numSamples / 2;
            if (d instanceof OpenALAudioDevice al && System.nanoTime() - t0 > 1_000_000_000L) {
                long played = Math.round(al.getPosition() * (double) rate);
                long q = written - played;
                measuredSum += q;
                measuredCount++;
                if (q < measuredMin) {
                    measuredMin = q;
                }
                if (q > measuredMax) {
                    measuredMax = q;
                }
            }
        }

        @Override
        public void writeSamples(short[] samples, int offset, int numSamples) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isMono() {
            return d.isMono();
        }

        @Override
        public int getLatency() {
            return d.getLatency();
        }

        @Override
        public void dispose() {
            d.dispose();
        }

        @Override
        public void setVolume(float volume) {
            d.setVolume(volume);
        }

        @Override
        public void pause() {
            d.pause();
        }

        @Override
        public void resume() {
            d.resume();
        }
    }
}
