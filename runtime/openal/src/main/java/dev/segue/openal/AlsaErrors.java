package dev.segue.openal;

import static org.lwjgl.system.APIUtil.apiCreateCIF;
import static org.lwjgl.system.MemoryUtil.memASCIISafe;
import static org.lwjgl.system.MemoryUtil.memGetAddress;
import static org.lwjgl.system.MemoryUtil.memGetInt;
import static org.lwjgl.system.Pointer.POINTER_SIZE;
import static org.lwjgl.system.libffi.LibFFI.FFI_DEFAULT_ABI;
import static org.lwjgl.system.libffi.LibFFI.ffi_type_pointer;
import static org.lwjgl.system.libffi.LibFFI.ffi_type_sint32;
import static org.lwjgl.system.libffi.LibFFI.ffi_type_void;

import java.util.function.Supplier;
import org.lwjgl.system.Callback;
import org.lwjgl.system.CallbackI;
import org.lwjgl.system.JNI;
import org.lwjgl.system.Library;
import org.lwjgl.system.Platform;
import org.lwjgl.system.SharedLibrary;
import org.lwjgl.system.libffi.FFICIF;

/**
 * Keeps alsa-lib's error messages off the game's console while OpenAL Soft opens or lists devices.
 *
 * <p>With no sound card, OpenAL Soft's ALSA backend (tried after PipeWire and PulseAudio) makes
 * alsa-lib evaluate the "default" PCM, and alsa-lib prints every step that fails through its error
 * handler, whose default writes to stderr: eight lines ("ALSA lib confmisc.c:855:(parse_card) cannot
 * find card '0'" ... "Unknown PCM default") on every open, every retry included. Segue already says
 * why it is silent, once, as an OUTPUT event; those lines are noise. So around each open and listing
 * Segue installs an error handler of its own in alsa-lib (the same {@code libasound.so.2} OpenAL Soft
 * loads: one copy per process), which prints nothing and keeps the last message for the OUTPUT event
 * ({@link #lastMessage()}), and puts alsa-lib's default handler back afterwards, so what ALSA says
 * while a real device plays (an underrun, say) is printed as before.
 *
 * <p>Only on Linux, only when alsa-lib is installed, and never over a handler someone else installed
 * (the game's own): then nothing changes. {@code -Dsegue.alsa.verbose=true} leaves alsa-lib alone too,
 * to see its messages. The handler is never freed, since alsa-lib may call it from any thread until it
 * is replaced.
 */
final class AlsaErrors {
    /** {@code void (*)(const char *file, int line, const char *function, int err, const char *fmt, ...)}: the fixed part. */
    private static final class Handler extends Callback implements CallbackI {
        // the fixed arguments and the first variadic one, as a pointer: on the ABIs alsa-lib runs on (x86-64 and
        // AArch64 Linux pass it in the same register as a sixth fixed argument, 32-bit x86 and ARM on the stack in
        // the same place) that is where a caller of the variadic function put it
        private static final FFICIF CIF = apiCreateCIF(FFI_DEFAULT_ABI, ffi_type_void, ffi_type_pointer, ffi_type_sint32,
                ffi_type_pointer, ffi_type_sint32, ffi_type_pointer, ffi_type_pointer);

        Handler() {
            super(CIF);
        }

        @Override
        public FFICIF getCallInterface() {
            return CIF;
        }

        @Override
        public void callback(long ret, long args) {
            try {
                long function = memGetAddress(memGetAddress(args + 2 * POINTER_SIZE));
                int err = memGetInt(memGetAddress(args + 3 * POINTER_SIZE));
                long fmt = memGetAddress(memGetAddress(args + 4 * POINTER_SIZE));
                String f = fmt == 0 ? "" : memASCIISafe(fmt);
                String where = function == 0 ? "" : memASCIISafe(function);
                if (f == null) {
                    f = "";
                }
                if (onlyOneString(f)) { // "Unknown PCM %s": the one argument is a string, so it can be read
                    long arg = memGetAddress(memGetAddress(args + 5 * POINTER_SIZE));
                    String a = arg == 0 ? null : memASCIISafe(arg);
                    f = f.replace("%s", a == null ? "(null)" : a.length() > 200 ? a.substring(0, 200) + "..." : a);
                } else {
                    f = f.replaceAll("%[-+ #0-9.]*[a-zA-Z]+", "...");
                }
                last = (where == null || where.isEmpty() ? "" : where + ": ") + f.trim() + (err != 0 ? " (error " + err + ")" : "");
            } catch (Throwable t) {
                // never into alsa-lib
            }
        }
    }

    /** Whether {@code fmt} has exactly one conversion, a plain {@code %s}. */
    static boolean onlyOneString(String fmt) {
        int at = fmt.indexOf('%');
        if (at < 0 || !fmt.startsWith("%s", at)) {
            return false;
        }
        return fmt.indexOf('%', at + 2) < 0;
    }

    private static boolean loaded;
    private static long setHandler; // snd_lib_error_set_handler, 0 when not usable
    private static long variable; // &snd_lib_error
    private static long defaultHandler;
    private static Handler handler;
    private static SharedLibrary library; // kept loaded: alsa-lib holds our handler
    private static int depth;
    private static volatile String last;

    private AlsaErrors() {
    }

    /**
     * Runs {@code call} (an OpenAL call that may open ALSA) with alsa-lib's messages kept, not
     * printed. Reentrant and thread-safe; on a platform without alsa-lib, just runs it.
     */
    static <T> T quietly(Supplier<T> call) {
        boolean on = enter();
        try {
            return call.get();
        } finally {
            if (on) {
                exit();
            }
        }
    }

    /** The last message alsa-lib reported while quiet ("snd_pcm_open_noupdate: Unknown PCM default"), or null. */
    static String lastMessage() {
        return last;
    }

    /** Clears {@link #lastMessage()}: called before an open, so its failure names only its own messages. */
    static void clear() {
        last = null;
    }

    private static synchronized boolean enter() {
        if (!load()) {
            return false;
        }
        if (depth++ == 0) {
            long current = memGetAddress(variable);
            if (current != defaultHandler) { // the game installed its own: leave it
                depth--;
                return false;
            }
            JNI.invokePI(handler.address(), setHandler);
        }
        return true;
    }

    private static synchronized void exit() {
        if (--depth == 0 && memGetAddress(variable) == handler.address()) { // unless the game set its own meanwhile
            JNI.invokePI(0L, setHandler); // NULL: alsa-lib's default handler again
        }
    }

    /** Finds alsa-lib once; false when it is not here (not Linux, not installed) or not as expected. */
    private static boolean load() {
        if (loaded) {
            return setHandler != 0;
        }
        loaded = true;
        if (Platform.get() != Platform.LINUX || Boolean.getBoolean("segue.alsa.verbose")) {
            return false;
        }
        try {
            SharedLibrary lib = Library.loadNative(AlsaErrors.class, "org.lwjgl", "libasound.so.2");
            long set = lib.getFunctionAddress("snd_lib_error_set_handler");
            long var = lib.getFunctionAddress("snd_lib_error"); // the handler variable itself (dlsym finds data too)
            if (set == 0 || var == 0) {
                lib.free();
                return false;
            }
            long before = memGetAddress(var);
            JNI.invokePI(0L, set); // what alsa-lib's default handler is
            long def = memGetAddress(var);
            if (before != def) {
                JNI.invokePI(before, set); // someone else's handler: put it back, stay out
                lib.free();
                return false;
            }
            library = lib;
            variable = var;
            defaultHandler = def;
            handler = new Handler();
            setHandler = set;
            return true;
        } catch (RuntimeException | LinkageError e) {
            return false; // no alsa-lib here: nothing to silence
        }
    }
}
