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

    /** Loaded only once LWJGL's OpenAL is known to be there. */
    private static final class Probe {
        static long nanos() {
            long context = org.lwjgl.openal.ALC10.alcGetCurrentContext();
            if (context == 0) {
                return 0;
            }
            long device = org.lwjgl.openal.ALC10.alcGetContextsDevice(context);
            if (device == 0 || !org.lwjgl.openal.ALC10.alcIsExtensionPresent(device, "ALC_SOFT_device_clock")) {
                return 0;
            }
            return Math.max(0, org.lwjgl.openal.SOFTDeviceClock.alcGetInteger64vSOFT(device,
                    org.lwjgl.openal.SOFTDeviceClock.ALC_DEVICE_LATENCY_SOFT));
        }
    }
}
