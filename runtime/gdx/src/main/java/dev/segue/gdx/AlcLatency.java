package dev.segue.gdx;

/**
 * OpenAL Soft's own output latency under libGDX's LWJGL3 backend, asked once when the output opens:
 * the device of the OpenAL context libGDX made current, through {@code ALC_SOFT_device_clock}. 0 on
 * every other backend, without LWJGL on the class path, or when the extension is missing.
 */
final class AlcLatency {
    private AlcLatency() {
    }

    /** The device latency in nanoseconds, or 0 if it cannot be known here. */
    static long nanos() {
        try {
            if (Class.forName("org.lwjgl.openal.ALC10", false, AlcLatency.class.getClassLoader()) == null) {
                return 0;
            }
            return Probe.nanos();
        } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
            return 0;
        }
    }

    /**
     * OpenAL Soft's mixing period in frames at the output rate ({@code ALC_FREQUENCY / ALC_REFRESH}),
     * or 0 if it cannot be known here: each period the mixer takes that much from every source at once.
     */
    static int periodFrames() {
        try {
            if (Class.forName("org.lwjgl.openal.ALC10", false, AlcLatency.class.getClassLoader()) == null) {
                return 0;
            }
            return Probe.period();
        } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
            return 0;
        }
    }

    /** Loaded only once LWJGL's OpenAL is known to be there. */
    private static final class Probe {
        static long device() {
            long context = org.lwjgl.openal.ALC10.alcGetCurrentContext();
            return context == 0 ? 0 : org.lwjgl.openal.ALC10.alcGetContextsDevice(context);
        }

        static int period() {
            long device = device();
            if (device == 0) {
                return 0;
            }
            int freq = org.lwjgl.openal.ALC10.alcGetInteger(device, org.lwjgl.openal.ALC10.ALC_FREQUENCY);
            int refresh = org.lwjgl.openal.ALC10.alcGetInteger(device, org.lwjgl.openal.ALC10.ALC_REFRESH);
            return freq > 0 && refresh > 0 ? freq / refresh : 0;
        }

        static long nanos() {
            long device = device();
            if (device == 0 || !org.lwjgl.openal.ALC10.alcIsExtensionPresent(device, "ALC_SOFT_device_clock")) {
                return 0;
            }
            return Math.max(0, org.lwjgl.openal.SOFTDeviceClock.alcGetInteger64vSOFT(device,
                    org.lwjgl.openal.SOFTDeviceClock.ALC_DEVICE_LATENCY_SOFT));
        }
    }
}
