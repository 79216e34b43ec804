package dev.segue.tools;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Every garbage collection while it watches, from the collectors' JMX notifications: which collector,
 * when it ended (on the {@link System#nanoTime()} clock: when the notification arrived, right after the
 * collection; {@code GcInfo}'s own end time, counted from the JVM's start, was seen tens of ms off
 * {@code RuntimeMXBean}'s uptime) and how long it took. Collectors whose work
 * runs beside the program ("ZGC Cycles", "Shenandoah Cycles") are counted apart from the pauses, which
 * stop every Java thread at a safepoint, Segue's audio thread too.
 */
final class GcWatch implements AutoCloseable {
    /** One pause: collector, end on the nanoTime clock, duration. */
    record Pause(String name, long endNanos, long millis) {
    }

    private final List<Pause> pauses = new ArrayList<>();
    private final Map<String, long[]> concurrent = new LinkedHashMap<>();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onNotification;

    GcWatch() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter e) {
                e.addNotificationListener(listener, null, null);
                emitters.add(e);
            }
        }
    }

    static boolean isPause(String collector) {
        return !collector.contains("Cycles") && !collector.contains("Concurrent");
    }

    private void onNotification(Notification n, Object handback) {
        long now = System.nanoTime();
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        long duration = info.getGcInfo().getDuration();
        synchronized (this) {
            if (isPause(info.getGcName())) {
                pauses.add(new Pause(info.getGcName(), now, duration));
            } else {
                long[] c = concurrent.computeIfAbsent(info.getGcName(), k -> new long[2]);
                c[0]++;
                c[1] += duration;
            }
        }
    }

    synchronized int pauses() {
        return pauses.size();
    }

    synchronized long longestMillis() {
        return pauses.stream().mapToLong(Pause::millis).max().orElse(0);
    }

    synchronized long totalMillis() {
        return pauses.stream().mapToLong(Pause::millis).sum();
    }

    /** The last pause that ended before {@code nanos} + {@code slackNanos}, or null. */
    synchronized Pause lastBefore(long nanos, long slackNanos) {
        Pause best = null;
        for (Pause p : pauses) {
            if (p.endNanos() <= nanos + slackNanos && (best == null || p.endNanos() > best.endNanos())) {
                best = p;
            }
        }
        return best;
    }

    /** "N pauses (collector names), longest X ms, Y ms in all; histogram; concurrent cycles". */
    synchronized String describe() {
        long[] edges = {1, 5, 10, 20, 30, 50};
        long[] counts = new long[edges.length + 1];
        for (Pause p : pauses) {
            int b = 0;
            while (b < edges.length && p.millis() >= edges[b]) {
                b++;
            }
            counts[b]++;
        }
        StringBuilder h = new StringBuilder();
        for (int b = 0; b <= edges.length; b++) {
            String range = b == 0 ? "<1" : b == edges.length ? ">=" + edges[b - 1] : edges[b - 1] + "-" + (edges[b] - 1);
            h.append(b == 0 ? "" : ", ").append(range).append(" ms: ").append(counts[b]);
        }
        StringBuilder c = new StringBuilder();
        concurrent.forEach((name, v) -> c.append(String.format(Locale.ROOT, "; %s (beside the program, no pause): %d taking %d ms",
                name, v[0], v[1])));
        return String.format(Locale.ROOT, "%d pauses (%s), longest %d ms, %d ms in all [%s]%s", pauses.size(),
                pauses.stream().map(Pause::name).distinct().toList(), longestMillis(), totalMillis(), h, c);
    }

    @Override
    public void close() {
        for (NotificationEmitter e : emitters) {
            try {
                e.removeNotificationListener(listener);
            } catch (ListenerNotFoundException ignored) {
                // never added: nothing to remove
            }
        }
    }
}
