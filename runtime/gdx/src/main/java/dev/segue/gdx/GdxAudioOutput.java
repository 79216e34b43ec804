package dev.segue.gdx;

import com.badlogic.gdx.Application;
import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.audio.AudioDevice;
import dev.segue.spi.AudioOutput;
import dev.segue.spi.OutputFactory;

/**
 * Plays Segue through libGDX's {@link AudioDevice} ({@code Gdx.audio.newAudioDevice(rate, false)}),
 * so the same score plays on every libGDX backend: desktop LWJGL3, Android, iOS. Pass it to the
 * builder, or let {@link CueSheetLoader} do it:
 *
 * <pre>{@code
 * Segue music = Segue.builder().cueSheet(GdxResources.of(Gdx.files.internal("music/score.cues.json")))
 *         .output(new GdxAudioOutput())
 *         .build();
 * }</pre>
 *
 * <p>It is a queueing output: Segue's audio thread renders a block and writes it, and the write
 * blocks while the device is full. Build Segue once libGDX is up ({@code create()} or later), and
 * leave libGDX's audio enabled. It is not registered as a default output: on desktop
 * {@code segue-openal}, when present, stays the default (its callback mode has lower latency).
 *
 * <p><b>Latency: size the device's buffer.</b> The device holds what it holds, and a change the game
 * makes is heard after it. libGDX sizes it per backend:
 * <ul>
 * <li><b>LWJGL3 (desktop):</b> {@code Lwjgl3ApplicationConfiguration.setAudioConfig(simultaneousSources,
 * bufferSize, bufferCount)}; {@code bufferSize} is in bytes of 16-bit samples, so a stereo buffer holds
 * {@code bufferSize / 4} frames, and the device holds {@code bufferCount} of them. libGDX's default
 * (512, 9) holds 1152 frames, 24 ms at 48 kHz: only 4 ms over OpenAL Soft's default 960-frame mixing
 * period, which it takes from the source at once. Set (1024, 6) (1536 frames, 32 ms) or more, or ask
 * OpenAL Soft for a smaller period ({@code alsoft.conf}, or {@code OpenAl.configure()} from segue-openal
 * before the application starts). Keep {@code bufferSize / 4} a divisor or multiple of Segue's block
 * (256 frames by default). OpenAL Soft's own buffer comes on top; this output asks OpenAL Soft for it
 * ({@code ALC_SOFT_device_clock}) and reports it as the device latency. When the machine is saturated
 * libGDX's device can still run dry (heard as repeats) without saying so; Segue's own OpenAL output
 * ({@code segue-openal}, the desktop default) renders on OpenAL Soft's mixer thread and does not.</li>
 * <li><b>Android:</b> the {@code AudioTrack}'s minimum buffer for the rate, which the system chooses.</li>
 * <li><b>iOS:</b> the backend's own buffer.</li>
 * </ul>
 * Whatever the backend, this output reports what the device holds ahead of each block: its own length
 * ({@link AudioDevice#getLatency()}, in frames), less half of OpenAL Soft's period on LWJGL3 (the
 * source holds between its length less a period and its length), so {@code Segue.outputStats()} and
 * {@code Segue.commandLatency()} tell the truth (measured against the source's play position; see the
 * module's README for the figures).
 *
 * <p><b>No sound device.</b> On desktop, libGDX with audio disabled, or with no sound device, gives an
 * {@code AudioDevice} that drops everything at once; this output refuses it when it opens, and Segue
 * plays on its silent output (the music clock and events still run in real time) with one
 * {@code OUTPUT} event saying why. Elsewhere a device that does not block is paced by the clock.
 *
 * <p>A device that fails while writing (libGDX throws) is reported lost; Segue then plays silently and
 * tries a fresh device every {@code retryMillis}.
 */
public final class GdxAudioOutput implements OutputFactory {

    /** An output on {@code Gdx.audio}'s device, stereo at Segue's sample rate. */
    public GdxAudioOutput() {
    }

    @Override
    public AudioOutput newOutput() {
        return new AudioDeviceOutput(rate -> {
            if (Gdx.audio == null) {
                throw new IllegalStateException("libGDX's audio is not up (Gdx.audio is null): build Segue in create()"
                        + " or later");
            }
            return Gdx.audio.newAudioDevice(rate, false);
        }, describe());
    }

    @Override
    public String describe() {
        return "libGDX AudioDevice";
    }

    /**
     * Why {@code device} cannot play, or null: on desktop libGDX hands out a device that drops every
     * sample, and says 0 for its latency, when its audio is disabled or there is no sound device.
     */
    static String refusal(AudioDevice device, int latencyFrames) {
        if (latencyFrames > 0) {
            return null;
        }
        String kind = device.getClass().getName();
        boolean desktop = Gdx.app != null && (Gdx.app.getType() == Application.ApplicationType.Desktop
                || Gdx.app.getType() == Application.ApplicationType.HeadlessDesktop);
        if (kind.contains("Mock") || desktop) {
            return "libGDX's AudioDevice plays nothing (" + kind + "): its audio is disabled"
                    + " (Lwjgl3ApplicationConfiguration.disableAudio) or there is no sound device";
        }
        return null;
    }
}
