package dev.segue.decode;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Test files for {@link OggSourceTest}: real encoders (sox, oggenc) run as processes, plus byte-level
 * tools to damage Ogg files and build pages by hand. The Ogg checksum here is written independently
 * of {@link OggPageReader}'s.
 */
final class OggFixtures {
    private OggFixtures() {
    }

    /** A source WAV and its Ogg Vorbis encoding. */
    record Fixture(Path wav, Path ogg, long frames, int rate, int channels) {
    }

    private static final Map<String, Fixture> MADE = new HashMap<>();
    private static Path dir;

    /**
     * A WAV of {@code frames} frames ({@link #wav}) encoded by oggenc at {@code -q 6} with extra
     * arguments, made once per test JVM in a folder deleted when it exits. Skips the test (assumption)
     * when sox or oggenc is missing.
     */
    static synchronized Fixture fixture(int rate, int channels, long frames, int hz, String... oggencArgs) throws Exception {
        Assumptions.assumeTrue(haveTools(), "sox and oggenc (vorbis-tools) are not installed");
        if (dir == null) {
            dir = Files.createTempDirectory("segue-ogg-fixtures");
            Path d = dir;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (var files = Files.walk(d)) {
                    files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                } catch (IOException ignored) {
                    // best effort
                }
            }));
        }
        String key = rate + "/" + channels + "/" + frames + "/" + hz + "/" + String.join("/", oggencArgs);
        Fixture f = MADE.get(key);
        if (f == null) {
            int n = MADE.size();
            Path wav = wav(dir, "src" + n, rate, channels, frames, hz);
            Path ogg = oggenc(wav, dir.resolve("enc" + n + ".ogg"), "6", oggencArgs);
            f = new Fixture(wav, ogg, frames, rate, channels);
            MADE.put(key, f);
        }
        return f;
    }

    static boolean haveTools() {
        return WavSourceTest.onPath("sox") && WavSourceTest.onPath("oggenc");
    }

    /** Runs a command (through bash when it contains a pipe), failing the test with its output if it fails. */
    static void run(String... cmd) throws IOException, InterruptedException {
        List<String> c = cmd.length == 1 ? List.of("bash", "-c", cmd[0]) : List.of(cmd);
        Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", c) + "\n" + log);
    }

    /**
     * A 16-bit WAV of {@code frames} frames: a sine at {@code hz} with pink noise 20 dB under it,
     * fading in over the first half (an amplitude ramp). Different channels get different phases.
     */
    static Path wav(Path dir, String name, int rate, int channels, long frames, int hz) throws Exception {
        Path sine = dir.resolve(name + "-sine.wav");
        Path noise = dir.resolve(name + "-noise.wav");
        Path out = dir.resolve(name + ".wav");
        String len = frames + "s";
        String fmt = "-r " + rate + " -c " + channels + " -b 16";
        String in = "sox -r " + rate + " -n "; // a length in samples counts at the input's rate (48 kHz unless set)
        String phases = channels == 1 ? "" : " 0 25";
        run(in + fmt + " " + sine + " synth " + len + " sine " + hz + phases + " fade t " + Math.max(1, frames / 2) + "s"
                + " && " + in + fmt + " " + noise + " synth " + len + " pinknoise"
                + " && sox -m -v 0.7 " + sine + " -v 0.07 " + noise + " " + out);
        return out;
    }

    /** Encodes {@code wav} with oggenc at quality {@code q}, with extra arguments (comments, serial). */
    static Path oggenc(Path wav, Path out, String q, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("oggenc", "-Q", "-q", q));
        cmd.addAll(List.of(extra));
        cmd.addAll(List.of("-o", out.toString(), wav.toString()));
        run(cmd.toArray(String[]::new));
        return out;
    }

    static Path cat(Path out, Path... parts) throws IOException {
        try (var os = Files.newOutputStream(out)) {
            for (Path p : parts) {
                os.write(Files.readAllBytes(p));
            }
        }
        return out;
    }

    /** Offsets of the pages of an undamaged Ogg file. */
    static List<Integer> pages(byte[] f) {
        List<Integer> at = new ArrayList<>();
        int p = 0;
        while (p + 27 <= f.length && f[p] == 'O' && f[p + 1] == 'g' && f[p + 2] == 'g' && f[p + 3] == 'S') {
            at.add(p);
            int segs = f[p + 26] & 0xFF;
            int len = 27 + segs;
            for (int i = 0; i < segs; i++) {
                len += f[p + 27 + i] & 0xFF;
            }
            p += len;
        }
        return at;
    }

    /** Offset where the audio pages begin: the first page with a granule position past 0 (headers have 0). */
    static int audioStart(byte[] f) {
        for (int p : pages(f)) {
            if (ByteBuffer.wrap(f, p + 6, 8).order(ByteOrder.LITTLE_ENDIAN).getLong() != 0) {
                return p;
            }
        }
        throw new AssertionError("no audio page");
    }

    /** Rewrites every page's checksum from a list of page offsets taken before damaging. */
    static void fixChecksums(byte[] f, List<Integer> pageOffsets) {
        for (int i = 0; i < pageOffsets.size(); i++) {
            int p = pageOffsets.get(i);
            int end = i + 1 < pageOffsets.size() ? pageOffsets.get(i + 1) : f.length;
            putCrc(f, p, end - p);
        }
    }

    static void putCrc(byte[] f, int p, int len) {
        Arrays.fill(f, p + 22, p + 26, (byte) 0);
        int crc = 0;
        for (int i = p; i < p + len; i++) {
            crc ^= (f[i] & 0xFF) << 24;
            for (int k = 0; k < 8; k++) {
                crc = crc < 0 ? (crc << 1) ^ 0x04C11DB7 : crc << 1;
            }
        }
        ByteBuffer.wrap(f, p + 22, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(crc);
    }

    /** One Ogg page holding {@code body} as a single packet (up to 254 * 255 bytes), checksummed. */
    static byte[] page(int flags, long granule, int serial, int seq, byte[] body) {
        int segs = body.length / 255 + 1;
        ByteBuffer b = ByteBuffer.allocate(27 + segs + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("OggS".getBytes()).put((byte) 0).put((byte) flags).putLong(granule).putInt(serial).putInt(seq).putInt(0)
                .put((byte) segs);
        for (int i = 0; i < segs - 1; i++) {
            b.put((byte) 255);
        }
        b.put((byte) (body.length % 255)).put(body);
        byte[] page = b.array();
        putCrc(page, 0, page.length);
        return page;
    }

    /** A Vorbis identification header with the given fields (exponents of the block sizes). */
    static byte[] identification(int channels, int rate, int exp0, int exp1) {
        ByteBuffer b = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 1).put("vorbis".getBytes()).putInt(0).put((byte) channels).putInt(rate).putInt(0).putInt(128_000).putInt(0)
                .put((byte) (exp0 | exp1 << 4)).put((byte) 1);
        return b.array();
    }

    /** A comment header whose vendor string claims {@code vendorLength} bytes but holds none. */
    static byte[] lyingComment(long vendorLength) {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 3).put("vorbis".getBytes()).putInt((int) vendorLength).putInt(0).put((byte) 1);
        return b.array();
    }

    /**
     * Re-paginates an oggenc file so that pages end inside packets, as other muxers write them: for
     * each pair of audio pages, the first 255-byte segment of the second page's first packet (when
     * that packet is longer) moves to the end of the first page, and the second page is marked as
     * continuing a packet. No packet ends in a moved segment, so every granule position stays right.
     *
     * @return the new file; {@code moved[0]} receives how many pages now end inside a packet
     */
    static byte[] spillPackets(byte[] f, int[] moved) {
        List<Integer> at = pages(f);
        int audio = at.indexOf(audioStart(f));
        List<byte[]> lacing = new ArrayList<>();
        List<byte[]> body = new ArrayList<>();
        for (int i = 0; i < at.size(); i++) {
            int p = at.get(i);
            int segs = f[p + 26] & 0xFF;
            int end = i + 1 < at.size() ? at.get(i + 1) : f.length;
            lacing.add(Arrays.copyOfRange(f, p + 27, p + 27 + segs));
            body.add(Arrays.copyOfRange(f, p + 27 + segs, end));
        }
        boolean[] continued = new boolean[at.size()];
        for (int i = audio; i + 1 < at.size(); i++) {
            byte[] next = lacing.get(i + 1);
            if (next.length > 1 && (next[0] & 0xFF) == 255 && lacing.get(i).length < 255) {
                lacing.set(i, Arrays.copyOf(lacing.get(i), lacing.get(i).length + 1));
                lacing.get(i)[lacing.get(i).length - 1] = (byte) 255;
                byte[] b = Arrays.copyOf(body.get(i), body.get(i).length + 255);
                System.arraycopy(body.get(i + 1), 0, b, body.get(i).length, 255);
                body.set(i, b);
                lacing.set(i + 1, Arrays.copyOfRange(next, 1, next.length));
                body.set(i + 1, Arrays.copyOfRange(body.get(i + 1), 255, body.get(i + 1).length));
                continued[i + 1] = true;
                moved[0]++;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < at.size(); i++) {
            int p = at.get(i);
            byte[] page = new byte[27 + lacing.get(i).length + body.get(i).length];
            System.arraycopy(f, p, page, 0, 26);
            page[5] = (byte) (page[5] | (continued[i] ? 1 : 0));
            page[26] = (byte) lacing.get(i).length;
            System.arraycopy(lacing.get(i), 0, page, 27, lacing.get(i).length);
            System.arraycopy(body.get(i), 0, page, 27 + lacing.get(i).length, body.get(i).length);
            putCrc(page, 0, page.length);
            out.writeBytes(page);
        }
        return out.toByteArray();
    }

    /**
     * Multiplexes two Ogg files into one grouped stream, as a muxer would: both beginning-of-stream
     * pages first, then the rest of their pages taken in turn. Pages are copied unchanged.
     */
    static byte[] interleave(byte[] a, byte[] b) {
        List<byte[]> pa = pageBytes(a);
        List<byte[]> pb = pageBytes(b);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(pa.get(0));
        out.writeBytes(pb.get(0));
        for (int i = 1; i < Math.max(pa.size(), pb.size()); i++) {
            if (i < pa.size()) {
                out.writeBytes(pa.get(i));
            }
            if (i < pb.size()) {
                out.writeBytes(pb.get(i));
            }
        }
        return out.toByteArray();
    }

    private static List<byte[]> pageBytes(byte[] f) {
        List<Integer> at = pages(f);
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < at.size(); i++) {
            out.add(Arrays.copyOfRange(f, at.get(i), i + 1 < at.size() ? at.get(i + 1) : f.length));
        }
        return out;
    }

    /** Offset in {@code f} of the setup header packet (its 0x05 "vorbis" preamble). */
    static int setupPacket(byte[] f) {
        byte[] pre = {5, 'v', 'o', 'r', 'b', 'i', 's'};
        outer:
        for (int i = 0; i < f.length - pre.length; i++) {
            for (int k = 0; k < pre.length; k++) {
                if (f[i + k] != pre[k]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("no setup header");
    }
}
