package dev.segue.tools.picture;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * What the tools' pictures share: a headless RGB image with antialiasing, the fonts, the cue palette,
 * and PNG output. Drawing is deterministic: the same calls give the same bytes.
 */
public final class Canvas {
    /** One colour per cue, by cue index (wrapping): distinct, readable on white. */
    private static final Color[] PALETTE = {
        new Color(0x4C78A8), new Color(0xF58518), new Color(0x54A24B), new Color(0xB279A2), new Color(0x72B7B2),
        new Color(0xE45756), new Color(0x9D755D), new Color(0xEECA3B), new Color(0x7F7F7F), new Color(0x2F4B7C)
    };
    static final Color INK = new Color(0x222222);
    static final Color MUTED = new Color(0x707070);
    static final Color PAPER = new Color(0xFCFCFC);
    static final Color LANE = new Color(0xF1F2F4);
    static final Color LANE_ALT = new Color(0xE8EAED);
    static final Color BAR = new Color(0, 0, 0, 70);
    static final Color BEAT = new Color(0, 0, 0, 34);
    static final Color WINDOW = new Color(255, 196, 0, 46);
    static final Color WAIT = new Color(120, 120, 255, 30);
    static final Color ALERT = new Color(0xD62728);
    static final Color OK = new Color(0x2CA02C);
    static final Color WARN = new Color(0xE08E0B);
    static final Font TITLE = font(Font.BOLD, 17);
    static final Font BOLD = font(Font.BOLD, 12);
    static final Font TEXT = font(Font.PLAIN, 12);
    static final Font SMALL = font(Font.PLAIN, 10);

    private Canvas() {
    }

    private static Font font(int style, int size) {
        return new Font("DejaVu Sans", style, size);
    }

    /** The colour of cue {@code index}. */
    public static Color cue(int index) {
        return PALETTE[Math.floorMod(index, PALETTE.length)];
    }

    /** {@code c} mixed toward white by {@code f} (0 = c, 1 = white). */
    static Color light(Color c, double f) {
        return new Color(mix(c.getRed(), 255, f), mix(c.getGreen(), 255, f), mix(c.getBlue(), 255, f));
    }

    /** {@code c} mixed toward black by {@code f}. */
    static Color dark(Color c, double f) {
        return new Color(mix(c.getRed(), 0, f), mix(c.getGreen(), 0, f), mix(c.getBlue(), 0, f));
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }

    /** A new image and its graphics, cleared to paper, antialiased. */
    static BufferedImage image(int width, int height) {
        return new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    }

    static Graphics2D graphics(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setColor(PAPER);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        return g;
    }

    static BasicStroke stroke(float width) {
        return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND);
    }

    static BasicStroke dashed(float width) {
        return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1, new float[] {4, 3}, 0);
    }

    /** Writes {@code img} as PNG, creating the folder. */
    static void write(BufferedImage img, Path png) throws IOException {
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(img, "png", png.toFile())) {
            throw new IOException("no PNG writer in this Java");
        }
    }

    /** Draws {@code s} with its left edge at {@code x}, clipped to {@code maxWidth} with an ellipsis. */
    static void text(Graphics2D g, String s, int x, int y, int maxWidth) {
        var fm = g.getFontMetrics();
        String t = s;
        if (fm.stringWidth(t) > maxWidth) {
            while (t.length() > 1 && fm.stringWidth(t + "…") > maxWidth) {
                t = t.substring(0, t.length() - 1);
            }
            t = t + "…";
        }
        g.drawString(t, x, y);
    }
}
