package dev.segue.tools.compose;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A picture of one rendered cue: a lane per stem with its waveform (peak and RMS envelopes), bar lines,
 * and the loop's start and end marked, plus each stem's loudness: what a composer glances at to see
 * the arrangement and the balance.
 */
final class CuePicture {
    private static final int WIDTH = 1400;
    private static final int LANE = 90;
    private static final int TOP = 34;
    private static final int LEFT = 150;

    private CuePicture() {
    }

    static void write(Path png, Score.Cue cue, ScoreWriter.CueReport report) throws IOException {
        Map<String, double[][]> stems = cue.stems();
        Form f = cue.form();
        int h = TOP + LANE * stems.size() + 10;
        BufferedImage img = new BufferedImage(WIDTH, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(18, 20, 26));
        g.fillRect(0, 0, WIDTH, h);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.setColor(Color.WHITE);
        g.drawString(String.format(Locale.ROOT, "%s  %d BPM %d/4  %.1f s  mix %.1f LUFS  %.1f dBTP", cue.name(), f.bpm(),
                f.beatsPerBar(), f.fileFrames() / 48_000.0, report.mix().integratedLufs(), report.mix().truePeakDbtp()), 10, 22);
        int plot = WIDTH - LEFT - 10;
        int frames = f.fileFrames();
        // bar lines, loop start and end
        for (int bar = 0; bar * f.bar() <= frames; bar++) {
            int x = LEFT + (int) ((long) bar * f.bar() * plot / frames);
            boolean loopEdge = f.loops() && (bar == f.introBars() || bar == f.introBars() + f.loopBars());
            g.setColor(loopEdge ? new Color(255, 200, 60) : new Color(50, 54, 64));
            g.setStroke(new BasicStroke(loopEdge ? 2 : 1));
            g.drawLine(x, TOP, x, h - 10);
        }
        g.setStroke(new BasicStroke(1));
        int lane = 0;
        for (Map.Entry<String, double[][]> e : stems.entrySet()) {
            int y0 = TOP + lane * LANE;
            int mid = y0 + LANE / 2;
            double[][] s = e.getValue();
            for (int x = 0; x < plot; x++) {
                int a = (int) ((long) x * frames / plot);
                int b = Math.max(a + 1, (int) ((long) (x + 1) * frames / plot));
                double peak = 0;
                double sum = 0;
                for (int i = a; i < b; i++) {
                    double v = 0.5 * (s[0][i] + s[1][i]);
                    peak = Math.max(peak, Math.abs(v));
                    sum += v * v;
                }
                double rms = Math.sqrt(sum / (b - a));
                int hp = (int) (peak * (LANE / 2 - 4));
                int hr = (int) (rms * (LANE / 2 - 4));
                g.setColor(new Color(70, 130, 200));
                g.drawLine(LEFT + x, mid - hp, LEFT + x, mid + hp);
                g.setColor(new Color(150, 210, 255));
                g.drawLine(LEFT + x, mid - hr, LEFT + x, mid + hr);
            }
            Master.Level l = report.stems().get(e.getKey());
            g.setColor(Color.WHITE);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            g.drawString(e.getKey(), 10, mid - 4);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            g.setColor(new Color(190, 190, 200));
            g.drawString(String.format(Locale.ROOT, "%.1f LUFS %.1f dBTP", l.integratedLufs(), l.truePeakDbtp()), 10, mid + 12);
            g.setColor(new Color(40, 44, 52));
            g.drawLine(0, y0 + LANE, WIDTH, y0 + LANE);
            lane++;
        }
        g.dispose();
        Files.createDirectories(png.toAbsolutePath().getParent());
        ImageIO.write(img, "png", png.toFile());
    }
}
