package dev.segue.tools.picture;

import dev.segue.engine.ScriptPlayer;
import dev.segue.control.Events;
import dev.segue.cue.CueSheet;
import dev.segue.tools.session.Capture;
import dev.segue.tools.session.Columns;
import dev.segue.tools.session.Session;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The picture of a session: one music timeline, a lane per stem of each cue that sounded with its
 * waveform (peak and RMS of what it contributed) and its gain curve (fades, parameter curves, ducking),
 * the bar and beat grid of the playing cue, markers, state changes, each transition from its request
 * (blue: waiting for the landing point) through its window (amber: landing to done), stingers, pauses,
 * and the mix with its clipped samples in red.
 */
public final class Timeline {
    static final int LEFT = 200;
    static final int RIGHT = 24;
    private static final int HEADER = 64;
    private static final int RULER = 30;
    private static final int MUSIC = 74;
    private static final int LANE_H = 56;
    private static final int GAP = 8;
    private static final int MIX_H = 80;

    private final Capture cap;
    private final CueSheet sheet;
    private final int rate;
    private final int width;
    private Graphics2D g;
    private int plotTop;
    private int plotBottom;

    private Timeline(Capture cap) {
        this.cap = cap;
        this.sheet = cap.sheet();
        this.rate = sheet.sampleRate();
        this.width = cap.mix().width();
    }

    /** The picture width for a plot of {@code columns} columns. */
    public static int imageWidth(int columns) {
        return LEFT + columns + RIGHT;
    }

    /** A sensible number of columns for a session of {@code seconds}: 50 px a second, 900 to 4000. */
    public static int columnsFor(double seconds) {
        return (int) Math.max(900, Math.min(4000, Math.round(seconds * 50)));
    }

    /** Draws {@code cap} with {@code title} and {@code subtitle} and writes it to {@code png}. */
    public static void write(Capture cap, String title, String subtitle, Path png) throws IOException {
        Canvas.write(new Timeline(cap).draw(title, subtitle), png);
    }

    /** Draws {@code cap} into an image. */
    public static BufferedImage draw(Capture cap, String title, String subtitle) {
        return new Timeline(cap).draw(title, subtitle);
    }

    private int x(long frame) {
        return LEFT + (int) Math.round(frame / cap.mix().framesPerColumn());
    }

    private BufferedImage draw(String title, String subtitle) {
        List<Capture.Lane> lanes = cap.lanes();
        int cueChanges = 0;
        for (int i = 1; i < lanes.size(); i++) {
            cueChanges += lanes.get(i).cue() != lanes.get(i - 1).cue() ? 1 : 0;
        }
        int lanesTop = HEADER + RULER + MUSIC;
        int mixTop = lanesTop + lanes.size() * LANE_H + cueChanges * GAP + GAP;
        int height = mixTop + MIX_H + 34;
        BufferedImage img = Canvas.image(imageWidth(width), height);
        g = Canvas.graphics(img);
        plotTop = HEADER;
        plotBottom = mixTop + MIX_H;
        header(title, subtitle);
        // backgrounds first, then time spans, the grid, then the content on top
        int y = lanesTop;
        List<int[]> laneYs = new ArrayList<>();
        for (int i = 0; i < lanes.size(); i++) {
            if (i > 0 && lanes.get(i).cue() != lanes.get(i - 1).cue()) {
                y += GAP;
            }
            laneYs.add(new int[] {y, y + LANE_H});
            g.setColor(i % 2 == 0 ? Canvas.LANE : Canvas.LANE_ALT);
            g.fillRect(LEFT, y, width, LANE_H - 2);
            y += LANE_H;
        }
        g.setColor(Canvas.LANE);
        g.fillRect(LEFT, mixTop, width, MIX_H);
        g.fillRect(LEFT, HEADER + RULER, width, MUSIC - 4);
        spans(HEADER + RULER, mixTop + MIX_H);
        grid(HEADER, mixTop + MIX_H);
        ruler(HEADER);
        music(HEADER + RULER);
        float scale = 0;
        for (Capture.Lane l : lanes) {
            scale = Math.max(scale, l.audio().maxPeak());
        }
        scale = Math.max(scale, 0.05f);
        for (int i = 0; i < lanes.size(); i++) {
            lane(lanes.get(i), laneYs.get(i)[0], LANE_H - 2, scale);
        }
        mix(mixTop);
        markers(HEADER, mixTop + MIX_H);
        footer(height - 12);
        g.dispose();
        return img;
    }

    // ---------------------------------------------------------------- parts

    private void header(String title, String subtitle) {
        g.setColor(Canvas.INK);
        g.setFont(Canvas.TITLE);
        g.drawString(title, 16, 26);
        g.setFont(Canvas.TEXT);
        g.setColor(Canvas.MUTED);
        g.drawString(subtitle, 16, 46);
        legend(imageWidth(width) - RIGHT, 22);
    }

    /** The key, right-aligned at {@code right}. */
    private void legend(int right, int y) {
        String[] labels = {"waveform (peak, RMS)", "gain", "waiting to land", "transition window", "marker", "stinger",
            "state change", "bar | beat"};
        g.setFont(Canvas.SMALL);
        var fm = g.getFontMetrics();
        int total = 0;
        for (String s : labels) {
            total += 22 + fm.stringWidth(s) + 14;
        }
        int x = Math.max(LEFT, right - total);
        for (int i = 0; i < labels.length; i++) {
            swatch(i, x, y - 9);
            g.setColor(Canvas.MUTED);
            g.drawString(labels[i], x + 22, y);
            x += 22 + fm.stringWidth(labels[i]) + 14;
        }
    }

    private void swatch(int kind, int x, int y) {
        Color c = Canvas.cue(0);
        switch (kind) {
            case 0 -> {
                g.setColor(Canvas.light(c, 0.55));
                g.fillRect(x, y, 16, 10);
                g.setColor(c);
                g.fillRect(x, y + 3, 16, 4);
            }
            case 1 -> {
                g.setColor(Canvas.dark(c, 0.45));
                g.setStroke(Canvas.stroke(1.6f));
                g.drawLine(x, y + 9, x + 16, y + 1);
            }
            case 2 -> {
                g.setColor(Canvas.WAIT);
                g.fillRect(x, y, 16, 10);
            }
            case 3 -> {
                g.setColor(Canvas.WINDOW);
                g.fillRect(x, y, 16, 10);
                g.setColor(new Color(0xC08A00));
                g.drawRect(x, y, 16, 10);
            }
            case 4 -> {
                g.setColor(new Color(0x9467BD));
                g.setStroke(Canvas.dashed(1.2f));
                g.drawLine(x + 8, y - 1, x + 8, y + 11);
            }
            case 5 -> diamond(x + 8, y + 5, 5, new Color(0xD62728));
            case 6 -> flag(x + 3, y + 10, Canvas.INK);
            default -> {
                g.setColor(Canvas.BAR);
                g.setStroke(Canvas.stroke(1.2f));
                g.drawLine(x + 4, y - 1, x + 4, y + 11);
                g.setColor(new Color(0, 0, 0, 60));
                g.setStroke(Canvas.stroke(1f));
                g.drawLine(x + 12, y + 3, x + 12, y + 11);
            }
        }
        g.setStroke(Canvas.stroke(1f));
    }

    /** Waiting (request → landing) and transition windows (landing → done), and pauses, across the picture. */
    private void spans(int top, int bottom) {
        for (long[] t : transitions()) {
            g.setColor(Canvas.WAIT);
            g.fillRect(x(t[0]), top, Math.max(1, x(t[1]) - x(t[0])), bottom - top);
            g.setColor(Canvas.WINDOW);
            g.fillRect(x(t[1]), top, Math.max(2, x(t[2]) - x(t[1])), bottom - top);
        }
        long pausedAt = -1;
        for (ScriptPlayer.Event e : cap.events()) {
            if (e.type() == Events.PAUSED) {
                pausedAt = e.frame();
            } else if (e.type() == Events.RESUMED && pausedAt >= 0) {
                g.setColor(new Color(0, 0, 0, 18));
                g.fillRect(x(pausedAt), top, Math.max(2, x(e.frame()) - x(pausedAt)), bottom - top);
                pausedAt = -1;
            }
        }
    }

    /**
     * Each transition as {request, landing, done, from, to}: from its TRANSITION_SCHEDULED to the
     * matching TRANSITION_DONE (or the end).
     */
    private List<long[]> transitions() {
        List<long[]> out = new ArrayList<>();
        List<ScriptPlayer.Event> ev = cap.events();
        for (int i = 0; i < ev.size(); i++) {
            ScriptPlayer.Event e = ev.get(i);
            if (e.type() != Events.TRANSITION_SCHEDULED) {
                continue;
            }
            long done = cap.endFrame();
            for (int j = i + 1; j < ev.size(); j++) {
                ScriptPlayer.Event d = ev.get(j);
                if (d.type() == Events.TRANSITION_SCHEDULED) {
                    done = Math.max(e.at(), d.frame()); // replaced before it was done
                    if (d.frame() < e.at()) {
                        done = -1; // replaced before it landed: it never happened
                    }
                    break;
                }
                if (d.type() == Events.TRANSITION_DONE && d.frame() >= e.at()) {
                    done = d.frame();
                    break;
                }
            }
            if (done >= 0) {
                out.add(new long[] {e.frame(), e.at(), Math.max(done, e.at()), e.cue(), e.other()});
            }
        }
        return out;
    }

    private void grid(int top, int bottom) {
        int lastX = -1_000_000;
        for (ScriptPlayer.Event e : cap.events()) {
            if (e.type() == Events.BEAT) {
                int xx = x(e.frame());
                if (xx - lastX >= 3) {
                    g.setColor(Canvas.BEAT);
                    g.drawLine(xx, top + RULER, xx, bottom);
                    lastX = xx;
                }
            }
        }
        for (ScriptPlayer.Event e : cap.events()) {
            if (e.type() == Events.BAR) {
                int xx = x(e.frame());
                g.setColor(Canvas.BAR);
                g.drawLine(xx, top + RULER - 8, xx, bottom);
            }
        }
    }

    private void ruler(int top) {
        g.setFont(Canvas.SMALL);
        double seconds = cap.endFrame() / (double) rate;
        double pxPerSecond = width / Math.max(1e-9, seconds);
        int step = pxPerSecond >= 40 ? 1 : pxPerSecond >= 16 ? 2 : pxPerSecond >= 8 ? 5 : pxPerSecond >= 3 ? 15 : 60;
        g.setColor(Canvas.MUTED);
        for (int s = 0; s <= seconds; s += step) {
            int xx = x((long) s * rate);
            g.drawLine(xx, top + 2, xx, top + 7);
            g.drawString(s >= 60 ? (s / 60) + ":" + String.format(Locale.ROOT, "%02d", s % 60) : s + " s", xx + 2, top + 11);
        }
        // bar numbers of the playing cue, as many as fit
        int lastX = -1_000_000;
        g.setFont(Canvas.SMALL);
        for (ScriptPlayer.Event e : cap.events()) {
            if (e.type() == Events.BAR) {
                int xx = x(e.frame());
                String label = String.valueOf(e.bar());
                if (xx - lastX >= g.getFontMetrics().stringWidth(label) + 10) {
                    g.setColor(Canvas.INK);
                    g.drawString(label, xx + 2, top + RULER - 3);
                    lastX = xx;
                }
            }
        }
        g.setColor(Canvas.MUTED);
        g.setFont(Canvas.BOLD);
        g.drawString("time · bar", 16, top + RULER - 6);
    }

    /** The music lane: which cue plays in which role, state changes, transitions and stingers. */
    private void music(int top) {
        g.setFont(Canvas.BOLD);
        g.setColor(Canvas.INK);
        g.drawString("music", 16, top + 16);
        g.setFont(Canvas.SMALL);
        g.setColor(Canvas.MUTED);
        g.drawString("states, cues, transitions", 16, top + 30);
        g.drawString("and stingers", 16, top + 42);
        // playbacks as bars in two rows: beds and what plays over them
        List<long[]> open = new ArrayList<>();
        for (ScriptPlayer.Event e : cap.events()) {
            if (e.type() == Events.CUE_STARTED) {
                open.add(new long[] {e.cue(), e.frame(), e.other(), -1});
            } else if (e.type() == Events.STINGER) {
                open.add(new long[] {e.cue(), e.frame(), 3, -1});
            } else if (e.type() == Events.CUE_ENDED) {
                for (long[] p : open) {
                    if (p[0] == e.cue() && p[3] < 0) {
                        p[3] = e.frame();
                        break;
                    }
                }
            }
        }
        for (long[] p : open) {
            long end = p[3] < 0 ? cap.endFrame() : p[3];
            int row = p[2] == 0 || p[2] == 1 ? 0 : 1;
            int y = top + 22 + row * 22;
            Color c = Canvas.cue((int) p[0]);
            g.setColor(Canvas.light(c, 0.25));
            int x0 = x(p[1]);
            int w = Math.max(3, x(end) - x0);
            g.fillRoundRect(x0, y, w, 16, 6, 6);
            g.setColor(Canvas.dark(c, 0.2));
            g.drawRoundRect(x0, y, w, 16, 6, 6);
            g.setColor(Color.WHITE);
            g.setFont(Canvas.BOLD);
            String role = switch ((int) p[2]) {
                case 2 -> " (bridge)";
                case 3 -> " (stinger)";
                case 4 -> " (outro)";
                default -> "";
            };
            String label = sheet.cues().get((int) p[0]).name() + role;
            int tw = g.getFontMetrics().stringWidth(label);
            if (w >= tw + 10) {
                g.drawString(label, x0 + 5, y + 12);
            } else if (p[2] == 3) {
                g.setColor(Canvas.dark(c, 0.3)); // a short stinger: its name beside it
                g.setFont(Canvas.SMALL);
                g.drawString(sheet.cues().get((int) p[0]).name(), x0 + w + 4, y + 12);
            } else if (w > 24) {
                Canvas.text(g, label, x0 + 5, y + 12, w - 8);
            }
        }
        for (ScriptPlayer.Event e : cap.events()) {
            if (e.type() == Events.STATE) {
                int xx = x(e.frame());
                flag(xx, top + 17, Canvas.INK);
                g.setFont(Canvas.SMALL);
                g.setColor(Canvas.INK);
                g.drawString(sheet.states().get(e.other()), xx + 9, top + 10);
            } else if (e.type() == Events.STINGER) {
                diamond(x(e.frame()), top + 52, 5, Canvas.ALERT);
            }
        }
    }

    private void flag(int x, int base, Color c) {
        g.setColor(c);
        g.setStroke(Canvas.stroke(1.4f));
        g.drawLine(x, base, x, base - 14);
        g.fillPolygon(new Polygon(new int[] {x, x + 7, x}, new int[] {base - 14, base - 11, base - 8}, 3));
        g.setStroke(Canvas.stroke(1f));
    }

    private void diamond(int x, int y, int r, Color c) {
        g.setColor(c);
        g.fillPolygon(new Polygon(new int[] {x, x + r, x, x - r}, new int[] {y - r, y, y + r, y}, 4));
        g.setColor(Color.WHITE);
        g.drawPolygon(new Polygon(new int[] {x, x + r, x, x - r}, new int[] {y - r, y, y + r, y}, 4));
    }

    private void lane(Capture.Lane l, int top, int h, float scale) {
        Color c = Canvas.cue(l.cue().index());
        g.setColor(c);
        g.fillRect(LEFT - 6, top, 4, h);
        g.setFont(Canvas.BOLD);
        g.setColor(Canvas.dark(c, 0.25));
        Canvas.text(g, l.cue().name(), 16, top + 17, LEFT - 30);
        g.setFont(Canvas.TEXT);
        g.setColor(Canvas.INK);
        Canvas.text(g, l.stem().name(), 16, top + 32, LEFT - 30);
        g.setFont(Canvas.SMALL);
        g.setColor(Canvas.MUTED);
        float peak = l.audio().maxPeak();
        Canvas.text(g, peak > 0 ? String.format(Locale.ROOT, "peak %.1f dBFS", 20 * Math.log10(peak)) : "silent", 16,
                top + 46, LEFT - 30);
        waveform(l.audio(), top, h, scale, c);
        gain(l.gain(), top, h);
    }

    private void waveform(Columns a, int top, int h, float scale, Color c) {
        int mid = top + h / 2;
        double half = (h / 2.0 - 3) / scale;
        Color outer = Canvas.light(c, 0.45);
        Color inner = Canvas.dark(c, 0.05);
        for (int i = 0; i < a.width(); i++) {
            float p = a.peak(i);
            if (p <= 0) {
                continue;
            }
            int hp = (int) Math.max(1, Math.round(p * half));
            g.setColor(outer);
            g.drawLine(LEFT + i, mid - hp, LEFT + i, mid + hp);
            int hr = (int) Math.round(a.rms(i) * half);
            if (hr > 0) {
                g.setColor(inner);
                g.drawLine(LEFT + i, mid - hr, LEFT + i, mid + hr);
            }
        }
    }

    /** The stem's gain: 0 at the lane's foot, 1 (or the largest gain) at its head. */
    private void gain(Columns gain, int top, int h) {
        double max = Math.max(1, gain.maxMean());
        Path2D.Double line = new Path2D.Double();
        boolean drawing = false;
        for (int i = 0; i < gain.width(); i++) {
            double v = gain.mean(i);
            if (v <= 1e-6) {
                drawing = false; // not sounding
                continue;
            }
            double y = top + h - 2 - (h - 4) * Math.min(1, v / max);
            if (drawing) {
                line.lineTo(LEFT + i + 0.5, y);
            } else {
                line.moveTo(LEFT + i + 0.5, y);
                drawing = true;
            }
        }
        g.setColor(new Color(20, 20, 20, 200));
        g.setStroke(Canvas.stroke(1.5f));
        g.draw(line);
        g.setStroke(Canvas.stroke(1f));
    }

    private void mix(int top) {
        g.setFont(Canvas.BOLD);
        g.setColor(Canvas.INK);
        g.drawString("mix", 16, top + 18);
        Columns m = cap.mix();
        float peak = m.maxPeak();
        g.setFont(Canvas.SMALL);
        g.setColor(peak >= 1f ? Canvas.ALERT : Canvas.MUTED);
        g.drawString(peak > 0 ? String.format(Locale.ROOT, "peak %.1f dBFS", 20 * Math.log10(peak)) : "silent", 16,
                top + 34);
        if (peak >= 1f) {
            g.drawString("clips (red)", 16, top + 48);
        }
        int mid = top + MIX_H / 2;
        double half = MIX_H / 2.0 - 3;
        g.setColor(new Color(0, 0, 0, 40));
        g.drawLine(LEFT, top + 3, LEFT + width, top + 3);
        g.drawLine(LEFT, top + MIX_H - 3, LEFT + width, top + MIX_H - 3);
        for (int i = 0; i < m.width(); i++) {
            float p = Math.min(1f, m.peak(i));
            if (p <= 0) {
                continue;
            }
            int hp = (int) Math.max(1, Math.round(p * half));
            g.setColor(m.peak(i) >= 1f ? Canvas.ALERT : new Color(0x6B7A8F));
            g.drawLine(LEFT + i, mid - hp, LEFT + i, mid + hp);
            int hr = (int) Math.round(m.rms(i) * half);
            g.setColor(new Color(0x3A4656));
            g.drawLine(LEFT + i, mid - hr, LEFT + i, mid + hr);
        }
    }

    private void markers(int top, int bottom) {
        Color c = new Color(0x9467BD);
        int lastLabel = -1_000_000;
        for (ScriptPlayer.Event e : cap.events()) {
            if (e.type() != Events.MARKER) {
                continue;
            }
            int xx = x(e.frame());
            g.setColor(c);
            g.setStroke(Canvas.dashed(1.2f));
            g.drawLine(xx, top + RULER, xx, bottom);
            g.setStroke(Canvas.stroke(1f));
            String name = sheet.cues().get(e.cue()).markers()[e.other()].name();
            g.setFont(Canvas.SMALL);
            int tw = g.getFontMetrics().stringWidth(name);
            if (xx - lastLabel > tw + 8) {
                int y = top + RULER + MUSIC + 11; // the top of the first stem lane, on a white tab
                g.setColor(new Color(255, 255, 255, 225));
                g.fillRect(xx + 2, y - 10, tw + 4, 13);
                g.setColor(c);
                g.drawString(name, xx + 4, y);
                lastLabel = xx;
            }
        }
        // transition labels over the windows
        g.setFont(Canvas.SMALL);
        for (long[] t : transitions()) {
            String from = t[3] < 0 ? "silence" : sheet.cues().get((int) t[3]).name();
            String to = t[4] < 0 ? "silence" : sheet.cues().get((int) t[4]).name();
            String label = from + " → " + to;
            int xx = x(t[1]);
            g.setColor(new Color(0x8A6100));
            g.drawString(label, xx + 3, bottom + 12);
            g.drawLine(xx, bottom, xx, bottom + 4);
        }
    }

    private void footer(int y) {
        g.setFont(Canvas.SMALL);
        g.setColor(Canvas.MUTED);
        g.drawString("Each lane is what that stem contributed to the mix (all gains and fades applied); the dark line is "
                + "its gain (0 at the foot of the lane, 1 at the top). Waveforms share one scale.", 16, y);
    }
}
