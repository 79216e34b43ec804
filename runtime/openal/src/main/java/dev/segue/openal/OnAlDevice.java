package dev.segue.openal;

import dev.segue.spi.AudioOutput;
/** An output playing on one {@link AlDevice}: the device's period and notice are the output's. */
interface OnAlDevice extends AudioOutput {
    /** The open device, or null before {@link #open} and after {@link #close}. */
    AlDevice device();

    @Override
    default int devicePeriodFrames() {
        AlDevice d = device();
        return d == null ? 0 : d.periodFrames;
    }

    @Override
    default String openNotice() {
        AlDevice d = device();
        return d == null ? null : d.periodNote;
    }
}
