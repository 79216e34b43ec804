package dev.segue.openal;

import java.util.concurrent.atomic.AtomicInteger;

/** Live OpenAL handles Segue holds, counted where they are made and deleted; tests check they return to 0. */
final class Handles {
    static final AtomicInteger DEVICES = new AtomicInteger();
    static final AtomicInteger CONTEXTS = new AtomicInteger();
    static final AtomicInteger SOURCES = new AtomicInteger();
    static final AtomicInteger BUFFERS = new AtomicInteger();

    private Handles() {
    }

    /** "devices=0 contexts=0 sources=0 buffers=0" */
    static String describe() {
        return "devices=" + DEVICES.get() + " contexts=" + CONTEXTS.get() + " sources=" + SOURCES.get() + " buffers="
                + BUFFERS.get();
    }
}
