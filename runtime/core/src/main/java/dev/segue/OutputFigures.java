package dev.segue;

import dev.segue.spi.AudioOutput;
import dev.segue.output.OutputDriver;

/** The facade's output figures, read from the host's output driver (null when the caller pulls). */
final class OutputFigures {
    private OutputFigures() {
    }

    static OutputStats stats(OutputDriver driver, int blockFrames, int rate) {
        if (driver == null) {
            return new OutputStats("offline", false, 0, 0, 0, 0, 0, 0, 0, 0, blockFrames, 0, rate, 0, 0);
        }
        AudioOutput o = driver.output();
        return new OutputStats(driver.outputName(), driver.silent(), driver.underruns(), o == null ? 0 : o.queuedFrames(),
                o == null ? 0 : o.deviceLatencyNanos(), driver.load(), driver.renderNanosLast(), driver.renderNanosMax(),
                driver.blocks(), driver.framesWritten(), blockFrames, o == null ? 0 : o.queueBuffers(), rate,
                driver.longestGapNanos(), o == null ? 0 : o.devicePeriodFrames());
    }

    static CommandLatency latency(OutputDriver driver, int rate) {
        if (driver == null) {
            CommandLatency.Percentiles none = new CommandLatency.Percentiles(0, 0, 0, 0);
            return new CommandLatency(0, rate, none, none, 0);
        }
        var m = driver.latency();
        int[] r = m.percentiles(false);
        int[] o = m.percentiles(true);
        AudioOutput out = driver.output();
        long device = out == null ? 0 : out.deviceLatencyNanos() * rate / 1_000_000_000L;
        return new CommandLatency(m.count(), rate, new CommandLatency.Percentiles(r[0], r[1], r[2], r[3]),
                new CommandLatency.Percentiles(o[0], o[1], o[2], o[3]), device);
    }
}
