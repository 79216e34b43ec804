package dev.segue.openal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/**
 * Which LWJGL the OpenAL tests of this run loaded: each surefire execution says which one it put on
 * the class path ({@code segue.lwjgl.expected}: the version Segue builds with in default-test, the
 * oldest supported in lwjgl-oldest), and this proves it is the one the JVM runs.
 */
class LwjglVersionTest {
    @Test
    void theLwjglOfThisRunIsTheOneItsExecutionPutOnTheClassPath() {
        String expected = System.getProperty("segue.lwjgl.expected");
        assumeTrue(expected != null && !expected.isEmpty(), "run outside Maven: no expected LWJGL version");
        assertEquals(expected, Lwjgl.release(org.lwjgl.Version.getVersion()), "org.lwjgl.Version " + org.lwjgl.Version.getVersion());
        Package openal = org.lwjgl.openal.AL.class.getPackage();
        assertEquals(expected, Lwjgl.release(openal.getSpecificationVersion()), "lwjgl-openal's manifest");
        assertNull(Lwjgl.problem(), "segue-openal runs on LWJGL " + expected);
        System.out.println("[LWJGL] this run: org.lwjgl.Version.getVersion() = " + org.lwjgl.Version.getVersion());
    }
}
