/**
 * Segue's output SPI: what an output module implements ({@link dev.segue.spi.AudioOutput},
 * {@link dev.segue.spi.OutputFactory}) to play Segue's mix on a device.
 *
 * <p>Two shapes of output fit. A <em>queueing</em> output (OpenAL's streaming source, libGDX's
 * {@code AudioDevice}) takes blocks: Segue's audio thread, its push driver, renders a block and calls
 * {@link dev.segue.spi.AudioOutput#write}, which blocks until the device has room and so paces it. A
 * <em>pulling</em> output (OpenAL Soft's callback mode) asks for audio on the device's own thread
 * through the {@link dev.segue.spi.PullRenderer} it is {@linkplain dev.segue.spi.AudioOutput#attach
 * attached} to. An engine that owns its audio thread needs neither: it builds Segue with
 * {@link dev.segue.SegueBuilder#pull()} and calls {@link dev.segue.Segue#render} from its callback.
 */
package dev.segue.spi;
