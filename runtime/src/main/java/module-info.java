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

    exports dev.segue;
}
