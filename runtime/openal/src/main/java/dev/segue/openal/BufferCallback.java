package dev.segue.openal;

import static org.lwjgl.system.APIUtil.apiCreateCIF;
import static org.lwjgl.system.MemoryUtil.memGetAddress;
import static org.lwjgl.system.MemoryUtil.memGetInt;
import static org.lwjgl.system.MemoryUtil.memPutAddress;
import static org.lwjgl.system.Pointer.POINTER_SIZE;
import static org.lwjgl.system.libffi.LibFFI.FFI_DEFAULT_ABI;
import static org.lwjgl.system.libffi.LibFFI.ffi_type_pointer;
import static org.lwjgl.system.libffi.LibFFI.ffi_type_sint32;

import org.lwjgl.system.Callback;
import org.lwjgl.system.CallbackI;
import org.lwjgl.system.libffi.FFICIF;

/**
 * The native function OpenAL Soft calls for audio ({@code ALsizei (*)(ALvoid *userptr, ALvoid *data,
 * ALsizei bytes)}), made here rather than through LWJGL's {@code SOFTCallbackBufferType}: that
 * interface's Java signature changed between LWJGL 3.3.3 (returning {@code long}) and 3.3.6
 * (returning {@code int}), so code compiled against one fails on the other with an
 * {@code AbstractMethodError} on OpenAL's thread. This closure is built from LWJGL's stable
 * {@link Callback} and libffi layer, which both versions share, with the C signature the extension
 * declares.
 */
final class BufferCallback extends Callback implements CallbackI {
    /** What the callback does: fill {@code bytes} bytes at {@code data}, return how many it filled. */
    interface Fill {
        int fill(long data, int bytes);
    }

    private static final FFICIF CIF = apiCreateCIF(FFI_DEFAULT_ABI, ffi_type_sint32, ffi_type_pointer, ffi_type_pointer,
            ffi_type_sint32);

    private final Fill fill;

    BufferCallback(Fill fill) {
        super(CIF);
        this.fill = fill;
    }

    @Override
    public FFICIF getCallInterface() {
        return CIF;
    }

    @Override
    public void callback(long ret, long args) {
        long data = memGetAddress(memGetAddress(args + POINTER_SIZE));
        int bytes = memGetInt(memGetAddress(args + 2 * POINTER_SIZE));
        int filled = fill.fill(data, bytes);
        memPutAddress(ret, filled & 0xFFFF_FFFFL); // libffi widens a small return value to a full register
    }
}
