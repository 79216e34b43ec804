/**
 * Segue's runtime: adaptive game music. Only {@code dev.segue} is API; the other packages are the
 * engine's insides.
 */
module dev.segue.runtime {
    requires com.google.gson;
    requires jorbis;
    // automatic modules: names derived from the jar file names (neither jar declares Automatic-Module-Name)
    requires jlayer;
    requires jflac.codec;
    // real-time output: OpenAL Soft through LWJGL (natives come as runtime dependencies)
    requires org.lwjgl;
    requires org.lwjgl.openal;

    exports dev.segue;
}
