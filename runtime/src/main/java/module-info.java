/**
 * Segue's runtime: adaptive game music. {@code dev.segue} is the engine's API and
 * {@code dev.segue.library} the custom-soundtrack library's (the player's own music: scan, tags,
 * soundtracks, assignments per game context, beat grids); the other packages are the insides.
 */
module dev.segue.runtime {
    requires com.google.gson;
    requires java.logging;
    requires jorbis;
    // automatic modules: names derived from the jar file names (none of these jars declares Automatic-Module-Name)
    requires jlayer;
    requires jflac.codec;
    // real-time output: OpenAL Soft through LWJGL (natives come as runtime dependencies)
    requires org.lwjgl;
    requires org.lwjgl.openal;
    requires jaudiotagger;

    exports dev.segue;
    exports dev.segue.library;
    // The insides, for Segue's own command-line tools only (the `segue` CLI renders, audits and
    // benchmarks on the engine's parts). A qualified export: no game can read these packages, and
    // the tools' ToolsUseOnlyExportedApiTest holds them to this list.
    exports dev.segue.control to dev.segue.tools;
    exports dev.segue.cue to dev.segue.tools;
    exports dev.segue.decode to dev.segue.tools;
    exports dev.segue.engine to dev.segue.tools;
    exports dev.segue.output to dev.segue.tools;
    exports dev.segue.time to dev.segue.tools;
    // Gson binds the library's index and store records by reflection
    opens dev.segue.library to com.google.gson;
}
