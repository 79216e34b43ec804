package dev.segue.tools.picture;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The transition matrix at a glance: a grid with a row per source and a column per destination; each
 * cell holds one strip per request point, the waveform of the rendered case coloured by who is
 * sounding (source before the landing, destination after, the transition window shaded), the landing
 * as a black line, and each problem as a red tick with a short label. Clean cells have a green frame,
 * flagged ones a red frame.
 */
public final class ContactSheet {
    static final int LABEL_W = 120;
    static final int CELL_W = 280;
    static final int STRIP_H = 42;
    static final int CELL_HEAD = 18;
    static final int PAD = 8;

    /** One rendered case as the sheet draws it. */
    public record Strip(String point, float[] audio, int rate, int request, int landing, int done, List<Mark> marks) {
    }

    /** A problem on a strip: frame into the strip's audio and a short label. */
    public record Mark(int frame, String label) {
    }

    /** One cell: a source, a destination, the rule's words, its strips (empty on the diagonal). */
    public record Cell(int from, int to, String rule, List<Strip> strips) {
    }

    private ContactSheet() {
    }

    /**
     * Draws the grid. {@code names[i]} and {@code colours[i]} are node {@code i}'s; {@code cells} are
     * indexed by node position.
     */
    public static void write(String title, String subtitle, String[] names, Color[] colours, Cell[][] cells, Path png)
            throws IOException {
        int n = names.length;
        int strips = 1;
        for (Cell[] row : cells) {
            for (Cell c : row) {
                if (c != null) {
                    strips = Math.max(strips, c.strips().size());
                }
            }
        }
        int cellH = CELL_HEAD + strips * STRIP_H + PAD;
        int top = 86;
        int w = LABEL_W + n * (CELL_W + PAD) + PAD;
        int h = top + n * (cellH + PAD) + 30;
        BufferedImage img = Canvas.image(Math.max(w, 720), h);
        Graphics2D g = Canvas.graphics(img);
        g.setColor(Canvas.INK);
        g.setFont(Canvas.TITLE);
        g.drawString(title, 16, 26);
        g.setFont(Canvas.TEXT);
        g.setColor(Canvas.MUTED);
        g.drawString(subtitle, 16, 46);
        g.setFont(Canvas.BOLD);
        g.drawString("from ↓   to →", 16, top - 10);
        for (int j = 0; j < n; j++) {
            int x = LABEL_W + j * (CELL_W + PAD);
            g.setColor(colours[j]);
            g.fillRect(x, top - 24, CELL_W, 4);
            g.setColor(Canvas.INK);
            Canvas.text(g, names[j], x, top - 8, CELL_W);
        }
        for (int i = 0; i < n; i++) {
            int y = top + i * (cellH + PAD);
            g.setColor(colours[i]);
            g.fillRect(8, y, 4, cellH);
            g.setColor(Canvas.INK);
            g.setFont(Canvas.BOLD);
            Canvas.text(g, names[i], 16, y + 16, LABEL_W - 20);
            for (int j = 0; j < n; j++) {
                int x = LABEL_W + j * (CELL_W + PAD);
                cell(g, cells[i][j], x, y, cellH, colours[i], colours[j]);
            }
        }
        g.setFont(Canvas.SMALL);
        g.setColor(Canvas.MUTED);
        g.drawString("Each strip: a second before the request to two seconds after the transition is done. Source colour "
                + "before the landing (black line), destination colour after; amber: the transition window; red: a problem.",
                16, h - 12);
        g.dispose();
        Canvas.write(img, png);
    }

    private static void cell(Graphics2D g, Cell c, int x, int y, int h, Color from, Color to) {
        if (c == null || c.strips().isEmpty()) {
            g.setColor(Canvas.LANE_ALT);
            g.fillRect(x, y, CELL_W, h);
            g.setColor(Canvas.MUTED);
            g.setFont(Canvas.SMALL);
            g.drawString("—", x + CELL_W / 2 - 4, y + h / 2);
            return;
        }
        boolean flagged = c.strips().stream().anyMatch(s -> !s.marks().isEmpty());
        g.setColor(Canvas.LANE);
        g.fillRect(x, y, CELL_W, h);
        g.setColor(flagged ? Canvas.ALERT : Canvas.OK);
        g.setStroke(Canvas.stroke(flagged ? 2.2f : 1.4f));
        g.drawRect(x, y, CELL_W, h);
        g.setStroke(Canvas.stroke(1f));
        g.setFont(Canvas.SMALL);
        g.setColor(Canvas.INK);
        Canvas.text(g, c.rule(), x + 5, y + 13, CELL_W - 10);
        for (int k = 0; k < c.strips().size(); k++) {
            strip(g, c.strips().get(k), x + 4, y + CELL_HEAD + k * STRIP_H, CELL_W - 8, STRIP_H - 4, from, to);
        }
    }

    private static void strip(Graphics2D g, Strip s, int x, int y, int w, int h, Color from, Color to) {
        int frames = s.audio().length / 2;
        double fpp = Math.max(1, frames / (double) w);
        g.setColor(Color.WHITE);
        g.fillRect(x, y, w, h);
        int xl = x + (int) (s.landing() / fpp);
        int xd = x + (int) (s.done() / fpp);
        int xr = x + (int) (s.request() / fpp);
        g.setColor(Canvas.WAIT);
        g.fillRect(xr, y, Math.max(1, xl - xr), h);
        g.setColor(Canvas.WINDOW);
        g.fillRect(xl, y, Math.max(2, xd - xl), h);
        int mid = y + h / 2;
        for (int i = 0; i < w; i++) {
            int a = (int) (i * fpp);
            int b = (int) Math.min(frames, (i + 1) * fpp);
            float p = 0;
            for (int f = a; f < b; f++) {
                p = Math.max(p, Math.max(Math.abs(s.audio()[2 * f]), Math.abs(s.audio()[2 * f + 1])));
            }
            if (p <= 0) {
                continue;
            }
            int hp = (int) Math.max(1, Math.round(Math.min(1, p) * (h / 2.0 - 2)));
            int f0 = a;
            g.setColor(p >= 1f ? Canvas.ALERT : f0 < s.landing() ? from : f0 < s.done() ? Canvas.light(to, 0.2) : to);
            g.drawLine(x + i, mid - hp, x + i, mid + hp);
        }
        g.setColor(Canvas.INK);
        g.drawLine(xl, y, xl, y + h);
        g.setFont(Canvas.SMALL);
        g.setColor(Canvas.MUTED);
        g.drawString(s.point(), x + 3, y + 11);
        int lastLabel = -1_000_000;
        for (Mark m : s.marks()) {
            int xm = x + (int) (m.frame() / fpp);
            g.setColor(Canvas.ALERT);
            g.setStroke(Canvas.stroke(2f));
            g.drawLine(xm, y, xm, y + h);
            g.setStroke(Canvas.stroke(1f));
            if (xm - lastLabel > 40) {
                var fm = g.getFontMetrics();
                int tw = fm.stringWidth(m.label());
                int tx = Math.min(xm + 3, x + w - tw - 2);
                g.setColor(new Color(255, 255, 255, 220));
                g.fillRect(tx - 1, y + h - 12, tw + 2, 11);
                g.setColor(Canvas.ALERT);
                g.drawString(m.label(), tx, y + h - 3);
                lastLabel = xm;
            }
        }
        g.setColor(new Color(0, 0, 0, 40));
        g.drawRect(x, y, w, h);
    }
}
