package dev.segue.engine;

import dev.segue.control.CommandRing;
import dev.segue.control.EventRing;
import dev.segue.control.ParameterSlots;
import dev.segue.cue.CueSheet;
import dev.segue.cue.Parameter;
import dev.segue.decode.Streamer;
import dev.segue.mix.Mixer;
import dev.segue.mix.Monitor;

/**
 * One loaded cue sheet with everything that plays it: the mixer with its own pools, the command
 * ring, parameter slots and event ring, and the game's mute and solo flags. A hot reload builds a
 * new one off the audio thread; the game thread always talks to one engine at a time.
 */
public final class Engine {
    final CueSheet sheet;
    final Mixer mixer;
    final CommandRing commands;
    final ParameterSlots params;
    final EventRing events;
    /** The game's mute and solo flags per stem (flat id), as last sent. */
    final boolean[] muted;
    final boolean[] soloed;
    final Monitor.View view;
    /** The engine it was prepared to take over from, until {@code update()} has drained that one's events. */
    Engine previous;
    /** Whether the sheet is one custom soundtracks derived from the score (not the score itself). */
    boolean derived;

    /** The sheet this engine plays. */
    public CueSheet sheet() {
        return sheet;
    }

    /** The music clock as the audio thread last published it, in frames. Any thread. */
    public long frame() {
        long[] p = new long[4];
        mixer.position(p);
        return p[0];
    }

    /** Its mixer. */
    public Mixer mixer() {
        return mixer;
    }

    /** The monitor view a snapshot reads into (lock it while reading). */
    public Monitor.View view() {
        return view;
    }

    /** Whether stem {@code id} (flat, see {@link CueSheet#stemId}) was last muted by the game. */
    public boolean muted(int id) {
        return muted[id];
    }

    /** Whether stem {@code id} was last soloed by the game. */
    public boolean soloed(int id) {
        return soloed[id];
    }

    /** Whether this engine plays a sheet custom soundtracks derived (not the score itself). */
    public boolean derived() {
        return derived;
    }

    Engine(CueSheet sheet, int commandCapacity, int eventCapacity, int maxPlaybacks, Streamer streamer) {
        this.sheet = sheet;
        this.commands = new CommandRing(commandCapacity);
        float[] initial = new float[sheet.parameters().size()];
        for (Parameter p : sheet.parameters()) {
            initial[p.index()] = p.initial();
        }
        this.params = new ParameterSlots(initial);
        this.events = new EventRing(eventCapacity);
        this.mixer = new Mixer(sheet, commands, params, events, maxPlaybacks, streamer);
        this.muted = new boolean[sheet.totalStems()];
        this.soloed = new boolean[sheet.totalStems()];
        this.view = mixer.monitor().newView();
    }

    /** Takes over {@code old}'s mute and solo flags by cue and stem name (for the snapshot). */
    void flagsFrom(Engine old) {
        for (var c : old.sheet.cues()) {
            var d = sheet.cue(c.name());
            if (d == null) {
                continue;
            }
            for (int s = 0; s < c.stems().length; s++) {
                for (int t = 0; t < d.stems().length; t++) {
                    if (c.stems()[s].name().equals(d.stems()[t].name())) {
                        muted[sheet.stemId(d.index(), t)] = old.muted[old.sheet.stemId(c.index(), s)];
                        soloed[sheet.stemId(d.index(), t)] = old.soloed[old.sheet.stemId(c.index(), s)];
                    }
                }
            }
        }
    }
}
