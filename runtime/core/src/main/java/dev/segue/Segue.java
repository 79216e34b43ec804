package dev.segue;

import dev.segue.cue.Duck;
import dev.segue.cue.Parameter;
import dev.segue.cue.Stinger;
import dev.segue.engine.Commands;
import dev.segue.engine.Host;
import dev.segue.output.OutputDriver;
import dev.segue.spi.OutputFactory;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Segue: adaptive music for a game. Build one from a cue sheet, tell it what the game is doing, and
 * call {@link #update()} once a frame to receive its events.
 *
 * <pre>{@code
 * Segue music = Segue.builder().cueSheet(Paths.get("music/score.cues.json")).build();
 * music.addListener(e -> { if (e.type() == SegueEvent.Type.BAR) flashTheLights(); });
 * music.setState("explore");
 * music.setParameter("intensity", 0.7f);
 * // each frame:
 * music.update();
 * }</pre>
 *
 * <p>{@code setState}, {@code setParameter}, {@code trigger}, {@code playStinger}, {@code pause},
 * {@code resume} and {@code position} may be called from any thread; they never block. Listeners run
 * on whichever thread calls {@code update()}. Every command returns false, with an
 * {@link SegueEvent.Type#ERROR} event, when it names nothing the sheet has or its value is out of range;
 * none throws.
 */
public final class Segue implements AutoCloseable {
    private final Host host;
    private final Commands commands;
    private final EventTranslator events;

    Segue(Host host) {
        this.host = host;
        this.commands = host.commands();
        this.events = new EventTranslator(host);
        host.addObserver(events);
    }

    /** Starts building a Segue. */
    public static SegueBuilder builder() {
        return new SegueBuilder();
    }

    /** The engine host behind this facade (custom soundtracks and offline renders play through it). */
    Host host() {
        return host;
    }

    // ------------------------------------------------------------------ game → music

    /**
     * Tells Segue the game is now in {@code state}; the music moves to that state's cue following the
     * sheet's transition rules.
     *
     * @return false if the state is unknown or the command queue is full (an ERROR event follows)
     */
    public boolean setState(String state) {
        return commands.setState(state);
    }

    /**
     * Sets a parameter; the music follows smoothly. Values are clamped to the parameter's range.
     * Latest value wins: calling this every frame is fine.
     *
     * @return false if no such parameter, or the value is NaN (an ERROR event follows)
     */
    public boolean setParameter(String name, float value) {
        return commands.setParameter(name, value);
    }

    /**
     * Moves the music to {@code cue} directly, ignoring states, through the same transition rules;
     * {@code "silence"} moves to silence.
     *
     * @return false if no such cue or the command queue is full
     */
    public boolean trigger(String cue) {
        return commands.trigger(cue);
    }

    /** Plays a stinger over the music, on its beat or bar as the sheet says; false if no such stinger. */
    public boolean playStinger(String name) {
        return commands.playStinger(name);
    }

    /** Fades the music out quickly and holds its position; false if the command queue is full. */
    public boolean pause() {
        return commands.pause();
    }

    /** Resumes from where {@link #pause()} held, fading back in; false if the command queue is full. */
    public boolean resume() {
        return commands.resume();
    }

    /**
     * Holds the named duck (from the sheet's {@code ducks}) on or lets it go: while held the music,
     * all but stingers, is lowered with the duck's attack and comes back over its release. Use it for
     * dialogue lines and pause menus. Ducks held together do not add up: the deepest wins.
     *
     * @return false if the sheet has no such duck or the command queue is full
     */
    public boolean duck(String name, boolean on) {
        return commands.duck(name, on);
    }

    /**
     * Sets the master volume, linear (1 = as mixed, 0 = silent, up to 4), followed smoothly over
     * about 50 ms. Any thread.
     *
     * @return false if {@code linear} is outside 0..4 (an ERROR event follows; the volume stays)
     */
    public boolean setVolume(float linear) {
        return commands.setVolume(linear);
    }

    /** Mutes or unmutes one stem of a cue (ramped, click-free), for auditioning; false if no such cue or stem. */
    public boolean setStemMute(String cue, String stem, boolean mute) {
        return commands.setStemMute(cue, stem, mute);
    }

    /**
     * Solos or unsolos one stem of a cue: while any stem of a cue is soloed, only its soloed stems
     * sound (mutes still apply).
     *
     * @return false if there is no such cue or stem
     */
    public boolean setStemSolo(String cue, String stem, boolean solo) {
        return commands.setStemSolo(cue, stem, solo);
    }

    // ------------------------------------------------------------------ music → game

    /** Where the music is now. Safe from any thread. */
    public Position position() {
        return Snapshots.position(host.engine());
    }

    /**
     * What is sounding now, with a level meter per stem, and the transition in flight: what a
     * composer preview draws. Any thread; allocates the returned copy. The stem meters start with the
     * first call (they cost the audio thread a read of every sample, so a game that never looks does
     * not pay for them): the first snapshot's meters read silence.
     */
    public Snapshot snapshot() {
        return Snapshots.snapshot(host.engine());
    }

    /** The timeline of {@code cue}: sections, markers, its bar and beat grid, in frames; null if no such cue. */
    public CueInfo cueInfo(String cue) {
        return Snapshots.cueInfo(host.engine(), cue);
    }

    /** Adds a listener; it receives events from the next {@link #update()} on. */
    public void addListener(SegueListener l) {
        events.add(l);
    }

    /** Removes a listener. */
    public void removeListener(SegueListener l) {
        events.remove(l);
    }

    /**
     * Delivers the events that happened since the last call to the listeners, in order, on this
     * thread. Call it once per game frame.
     */
    public void update() {
        host.update();
    }

    /**
     * Reads the cue sheet file again, with every stem it names, checks it, and if it is sound queues
     * it to take over at the next bar of the playing cue (at once in silence or while paused; after a
     * transition in flight has landed). The swap is sample-exact and click-free: the music goes on at
     * the same position in the same-named cue (else the current state's cue), with the game state,
     * parameters, held ducks, mutes, solos, volume and pause carried over by name; stingers and fades
     * already sounding play out. A {@link SegueEvent.Type#RELOADED} event gives the frame it took over.
     *
     * <p>If the sheet has errors nothing changes, the old sheet keeps playing, and an
     * {@link SegueEvent.Type#ERROR} event names the file and lists every error with its JSON path.
     *
     * <p>It decodes the stems on the calling thread (a real-time Segue keeps playing meanwhile); a
     * composer preview may call it from a button, or let {@link SegueBuilder#watch(boolean)} call it on
     * every save. On an offline Segue the swap happens inside a later {@link #render}, deterministically.
     *
     * @return every problem found, each {@code json.path: sentence}; empty when the sheet was accepted
     */
    public List<String> reload() {
        return host.reload();
    }

    /**
     * The problems of the last reload that failed, each {@code json.path: sentence}, for a preview to
     * show; empty when the last reload was accepted (or none happened). Any thread.
     */
    public List<String> lastReloadErrors() {
        return host.lastReloadErrors();
    }

    /**
     * Renders the next {@code frames} frames of music into {@code interleavedStereo} (overwritten).
     * Only for Segues built with {@link SegueBuilder#offline()} or {@link SegueBuilder#pull()}; call
     * it from one thread at a time (an engine's audio callback). In pull mode it never blocks and
     * does no I/O: the streamer thread decodes streamed stems ahead.
     *
     * @throws IllegalStateException on a real-time Segue
     */
    public void render(float[] interleavedStereo, int frames) {
        host.render(interleavedStereo, frames);
    }

    /** The mixer rate in frames per second. */
    public int sampleRate() {
        return host.engine().sheet().sampleRate();
    }

    /** The music clock in frames (same as {@code position().frame()}). */
    public long frame() {
        return host.engine().frame();
    }

    /** Names of the sheet's game states, in sheet order. */
    public List<String> states() {
        return host.engine().sheet().states();
    }

    /** Names of the sheet's cues, in sheet order. */
    public List<String> cues() {
        return host.engine().sheet().cues().stream().map(c -> c.name()).collect(Collectors.collectingAndThen(Collectors.toList(), List::copyOf));
    }

    /** Names of the sheet's stingers, in sheet order. */
    public List<String> stingers() {
        return host.engine().sheet().stingers().stream().map(Stinger::name).collect(Collectors.collectingAndThen(Collectors.toList(), List::copyOf));
    }

    /** Names of the sheet's parameters, in sheet order. */
    public List<String> parameters() {
        return host.engine().sheet().parameters().stream().map(Parameter::name).collect(Collectors.collectingAndThen(Collectors.toList(), List::copyOf));
    }

    /** Names of the sheet's named ducks, in sheet order. */
    public List<String> ducks() {
        return host.engine().sheet().ducks().stream().map(Duck::name).collect(Collectors.collectingAndThen(Collectors.toList(), List::copyOf));
    }

    /**
     * Frames of streamed stems that played as silence because the streamer had not decoded them in
     * time (each stretch is also reported as an ERROR event). 0 when nothing streams. Any thread.
     */
    public long streamUnderruns() {
        return host.engine().mixer().underruns();
    }

    /**
     * The name of the output playing now: its device's name (with {@code segue-openal}, for example
     * "OpenAL Soft" or "No Output"), {@code "silent (no audio device)"} when no device could be opened or it was lost,
     * or {@code "offline"}.
     */
    public String outputName() {
        return host.driver() == null ? "offline" : host.driver().outputName();
    }

    /**
     * How the real-time output is doing, read on any thread (typically the game thread, for a debug
     * overlay). For an offline Segue every figure is zero and the device is {@code "offline"}.
     */
    public OutputStats outputStats() {
        return OutputFigures.stats(host.driver(), host.settings().blockFrames(), sampleRate());
    }

    /**
     * How long the game's commands have taken to reach the output so far: from the call to the audio
     * thread reading it, and on to OpenAL mixing it, as percentiles in frames (see
     * {@link CommandLatency}). Empty figures offline. Any thread; it copies two 128 KB histograms, so
     * read it for a debug overlay or a log line a few times a second, not for every sound.
     */
    public CommandLatency commandLatency() {
        return OutputFigures.latency(host.driver(), sampleRate());
    }

    /**
     * Names of the devices the default output can play on here (the registered output module of
     * highest priority, see {@link OutputFactory}), the system default first, for an options screen;
     * pass one to {@link SegueBuilder#outputDevice(String)}. Empty when no output module is on the
     * class path or it cannot list devices here. With {@code segue-openal}, listing starts OpenAL
     * Soft (see {@code dev.segue.openal.OpenAl#devices()}).
     */
    public static List<String> outputDevices() {
        OutputFactory f = SegueBuilder.defaultOutput();
        return f == null ? List.of() : f.devices();
    }

    /** Tests: waits up to {@code millis} for the streamer to fill every ring at least half way. */
    boolean awaitStreams(long millis) throws InterruptedException {
        return host.awaitStreams(millis);
    }

    /** Tests: stream voices allocated (0 when every stem is in memory) and the audio thread's driver. */
    int streamVoices() {
        return host.streamVoices();
    }

    OutputDriver driver() {
        return host.driver();
    }

    /** Stops the audio thread and releases the output. Events not yet dispatched are discarded. */
    @Override
    public void close() {
        host.close();
    }
}
