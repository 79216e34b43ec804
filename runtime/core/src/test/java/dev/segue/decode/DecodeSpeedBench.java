package dev.segue.decode;

import static dev.segue.decode.DecoderTestKit.run;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decode speed of Mp3Source and FlacSource next to the reference command-line decoders, on the same
 * 60 s 48 kHz stereo file in the same run. Only reports; runs with {@code -Dsegue.bench=true}:
 * {@code mvn -B -q test -pl runtime -Dtest=DecodeSpeedBench -Dsegue.bench=true}.
 */
@EnabledIfSystemProperty(named = "segue.bench", matches = "true")
class DecodeSpeedBench {
    @TempDir
    Path dir;

    @Test
    void decodeSpeedNextToLameAndFlac() throws Exception {
        Assumptions.assumeTrue(DecoderTestKit.onPath("sox") && DecoderTestKit.onPath("lame") && DecoderTestKit.onPath("flac"));
        Assumptions.assumeFalse(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-Xint"),
                "not in the interpreted surefire execution");
        run(dir, "sox -R -n -r 48000 -c 2 -b 16 a.wav synth 60 pluck 220 vol 0.5");
        run(dir, "sox -R -n -r 48000 -c 2 -b 16 b.wav synth 60 pinknoise vol 0.2");
        run(dir, "sox -R -m a.wav b.wav music.wav");
        run(dir, "lame --quiet --preset standard music.wav music.mp3");
        run(dir, "flac -s -5 -o music.flac music.wav");
        for (int round = 0; round < 3; round++) {
            double mp3 = speed(() -> Mp3Source.open(dir.resolve("music.mp3")));
            double lame = cli("lame --quiet --decode music.mp3 out1.wav");
            double flac = speed(() -> FlacSource.open(dir.resolve("music.flac")));
            double flacCli = cli("flac -s -f -d music.flac -o out2.wav");
            System.out.printf("round %d: Mp3Source %.0fx, lame --decode %.0fx | FlacSource %.0fx, flac -d %.0fx real time%n",
                    round, mp3, lame, flac, flacCli);
        }
    }

    private interface Opener {
        PcmSource open() throws IOException;
    }

    private static double speed(Opener opener) throws IOException {
        long t0 = System.nanoTime();
        long frames = 0;
        try (PcmSource s = opener.open()) {
            float[] buf = new float[4096 * s.channels()];
            int n;
            while ((n = s.read(buf, 0, 4096)) > 0) {
                frames += n;
            }
            return frames / (double) s.sampleRate() / ((System.nanoTime() - t0) / 1e9);
        }
    }

    private double cli(String command) throws Exception {
        long t0 = System.nanoTime();
        run(dir, command);
        return 60.0 / ((System.nanoTime() - t0) / 1e9);
    }
}
