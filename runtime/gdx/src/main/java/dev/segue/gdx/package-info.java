/**
 * Segue in a libGDX game, on every backend: {@link dev.segue.gdx.CueSheetLoader} loads a cue sheet
 * through the {@code AssetManager} (its stems through {@code FileHandle}s, {@link dev.segue.gdx.GdxResources}),
 * {@link dev.segue.gdx.GdxAudioOutput} plays through libGDX's {@code AudioDevice}, and
 * {@link dev.segue.gdx.GdxSegue} ties the music to the application's lifecycle and delivers its events
 * on the render thread. Start at {@link dev.segue.gdx.GdxSegue}.
 */
package dev.segue.gdx;
