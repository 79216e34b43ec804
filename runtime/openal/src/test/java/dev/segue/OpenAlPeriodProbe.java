package dev.segue;

import com.badlogic.gdx.backends.lwjgl3.audio.OpenALLwjgl3Audio;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lwjgl.openal.ALC10;

/**
 * Run by {@link OpenAlPeriodTest} in a JVM of its own (OpenAL Soft reads its configuration once per
 * process): plays a sheet for half a second on OpenAL Soft's null device and prints what the output
 * reports, one {@code key=value} line each.
 *
 * <p>Arguments: the sheet, then any of {@code gdx-first} (libGDX's audio opens OpenAL before Segue is
 * built), {@code configure} ({@link dev.segue.openal.OpenAl#configure()} first of all), {@code openal-own}
 * ({@code devicePeriod(0, 0)}), {@code gdx-after} (libGDX's audio opens once Segue plays),
 * {@code list-first} ({@link Segue#outputDevices()} before Segue is built, as an options screen does).
 */
public final class OpenAlPeriodProbe {
    private OpenAlPeriodProbe() {
    }

    public static void main(String[] args) throws Exception {
        List<String> opts = List.of(args).subList(1, args.length);
        if (opts.contains("configure")) {
            System.out.println("configured=" + dev.segue.openal.OpenAl.configure());
        }
        if (opts.contains("list-first")) {
            System.out.println("devices=" + Segue.outputDevices());
        }
        OpenALLwjgl3Audio gdx = opts.contains("gdx-first") ? new OpenALLwjgl3Audio() : null;
        SegueBuilder b = Segue.builder().cueSheet(Path.of(args[0]));
        if (opts.contains("openal-own")) {
            b.output(dev.segue.openal.OpenAl.output().period(0, 0));
        }
        List<String> notices = new ArrayList<>();
        try (Segue segue = b.build()) {
            segue.addListener(e -> {
                if (e.type() == SegueEvent.Type.OUTPUT) {
                    notices.add(e.message());
                }
            });
            segue.setState("play");
            if (opts.contains("gdx-after")) {
                gdx = new OpenALLwjgl3Audio();
            }
            long t0 = System.nanoTime();
            while (System.nanoTime() - t0 < 500_000_000L) {
                segue.update();
                Thread.sleep(10);
            }
            OutputStats s = segue.outputStats();
            System.out.println("device=" + s.device());
            System.out.println("silent=" + s.silent());
            System.out.println("period=" + s.devicePeriodFrames());
            System.out.println("latencyFrames=" + Math.round(s.deviceLatencyNanos() * 48_000 / 1e9));
            System.out.println("frame=" + segue.position().frame());
            if (gdx != null) {
                long device = ALC10.alcGetContextsDevice(ALC10.alcGetCurrentContext());
                System.out.println("gdxPeriod=" + Math.round(48_000f / ALC10.alcGetInteger(device, ALC10.ALC_REFRESH)));
            }
            for (String n : notices) {
                System.out.println("notice=" + n);
            }
        } finally {
            if (gdx != null) {
                gdx.dispose();
            }
        }
    }
}
