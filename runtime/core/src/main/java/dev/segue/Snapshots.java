package dev.segue;

import dev.segue.cue.Cue;
import dev.segue.cue.CueSheet;
import dev.segue.cue.Curve;
import dev.segue.cue.Marker;
import dev.segue.cue.Stem;
import dev.segue.engine.Engine;
import dev.segue.mix.Monitor;
import dev.segue.time.TempoMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What the facade reads out of an engine for a game or a preview: the position, snapshots, cue timelines. */
final class Snapshots {
    private Snapshots() {
    }

    /** Where the music is now. */
    static Position position(Engine e) {
        long[] p = new long[4];
        e.mixer().position(p);
        CueSheet sheet = e.sheet();
        String cue = p[1] >= 0 ? sheet.cues().get((int) p[1]).name() : null;
        return new Position(p[0], p[0] / (double) sheet.sampleRate(), cue == null ? 0 : (int) p[2] + 1,
                cue == null ? 0 : (int) p[3] + 1, cue);
    }

    /** What is sounding now and the transition in flight; starts the meters. */
    static Snapshot snapshot(Engine e) {
        e.mixer().meter(true); // the meters cost a read of every sample, so they run once someone looks
        Position p = position(e);
        CueSheet sheet = e.sheet();
        Monitor.View v = e.view();
        List<Snapshot.Voice> voices = new ArrayList<>();
        Snapshot.Pending pending = null;
        synchronized (v) {
            e.mixer().monitor().read(v);
            for (int i = 0; i < v.count; i++) {
                Cue c = sheet.cues().get(v.cue[i]);
                int n = c.stems().length;
                float[] db = new float[n];
                boolean[] mu = new boolean[n];
                boolean[] so = new boolean[n];
                for (int s = 0; s < n; s++) {
                    db[s] = (float) (20 * Math.log10(v.peak[i][s]));
                    mu[s] = e.muted(sheet.stemId(c.index(), s));
                    so[s] = e.soloed(sheet.stemId(c.index(), s));
                }
                voices.add(new Snapshot.Voice(c.name(), EventTranslator.role(v.role[i]), v.pos[i], v.gain[i], db, mu, so));
            }
            if (v.pending) {
                int bar = 0;
                int beat = 0;
                if (v.from >= 0 && v.landingPos >= 0) {
                    TempoMap t = sheet.cues().get(v.from).tempo();
                    bar = (int) t.barAt(v.landingPos) + 1;
                    beat = t.beatInBarAt(v.landingPos) + 1;
                }
                pending = new Snapshot.Pending(EventTranslator.cueName(sheet, v.from), EventTranslator.cueName(sheet, v.to),
                        v.landing, bar, beat, v.fadeOutStart, v.fadeOutLength, curveName(v.fadeOutCurve), v.fadeInStart,
                        v.fadeInLength, curveName(v.fadeInCurve), EventTranslator.cueName(sheet, v.bridge));
            }
        }
        return new Snapshot(p.frame(), p.cue(), p.bar(), p.beat(), List.copyOf(voices), pending);
    }

    private static String curveName(int ordinal) {
        return switch (Curve.values()[ordinal]) {
            case LINEAR -> "linear";
            case EQUAL_POWER -> "equalPower";
            case S_CURVE -> "sCurve";
            case EXPONENTIAL -> "exponential";
        };
    }

    /** The timeline of {@code cue}, or null if the sheet has none such. */
    static CueInfo cueInfo(Engine e, String cue) {
        Cue c = e.sheet().cue(cue);
        if (c == null) {
            return null;
        }
        TempoMap t = c.tempo();
        List<Long> bars = new ArrayList<>();
        List<Long> beats = new ArrayList<>();
        for (long bar = 0; t.frameOfBar(bar) <= c.length(); bar++) {
            bars.add(t.frameOfBar(bar));
        }
        for (long f = 0; f <= c.length(); f = t.nextBeat(f + 1)) {
            beats.add(f);
        }
        Map<String, Long> markers = new LinkedHashMap<>();
        for (Marker m : c.markers()) {
            markers.put(m.name(), m.frame());
        }
        return new CueInfo(c.name(), c.length(), c.loops() ? c.loopStart() : -1, c.loops() ? c.loopEnd() : -1,
                c.entry(), c.exitCues().clone(), Arrays.stream(c.stems()).map(Stem::name).collect(Collectors.collectingAndThen(Collectors.toList(), List::copyOf)),
                Collections.unmodifiableMap(markers), bars.stream().mapToLong(Long::longValue).toArray(),
                beats.stream().mapToLong(Long::longValue).toArray());
    }
}
