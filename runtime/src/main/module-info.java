/**
 * Segue's runtime: adaptive game music. Only {@code dev.segue} is API; the other packages are the
 * engine's insides.
 */
module dev.segue.runtime {
    requires com.google.gson;
    requires jorbis;

    exports dev.segue;
}
