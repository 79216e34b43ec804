package dev.segue.openal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The default output's choice between callback mode and the queue, on real loopback devices. */
class CallbackOrQueueTest {

    @Test
    void callbackModeWhereTheDeviceHasIt() throws Exception {
        LoopbackRig rig = new LoopbackRig(3, false, true);
        CallbackOrQueue o = new CallbackOrQueue(rig.callbackFactory()::newOutput, rig.factory()::newOutput);
        try {
            o.open(48_000, 256);
            assertTrue(o.pulls(), "OpenAL Soft has AL_SOFT_callback_buffer");
            assertEquals(0, rig.outputsMade(), "no queue opened");
            assertEquals("OpenAL Soft loopback", o.name());
        } finally {
            o.close();
        }
        assertEquals("devices=0 contexts=0 sources=0 buffers=0", LoopbackRig.handles());
    }

    @Test
    void theQueueOnADeviceWithoutCallbacks() throws Exception {
        LoopbackRig rig = new LoopbackRig(3, false, true);
        // a device that opens but lacks the extension, as an older OpenAL would: the callback output closes it
        CallbackOrQueue o = new CallbackOrQueue(() -> new OpenAlCallbackOutput(rate -> {
            AlDevice d = AlDevice.openLoopback(rate);
            d.close();
            throw new OutputUnavailableException("test device lacks AL_SOFT_callback_buffer", true);
        }), rig.factory()::newOutput);
        try {
            o.open(48_000, 256);
            assertFalse(o.pulls());
            assertEquals(1, rig.outputsMade());
            assertSame(rig.current().device().name, o.name());
            o.write(new float[512], 256);
            assertEquals(3, o.queueBuffers(), "a loopback device keeps the asked depth");
        } finally {
            o.close();
        }
        assertEquals("devices=0 contexts=0 sources=0 buffers=0", LoopbackRig.handles());
    }

    @Test
    void aDeviceThatDoesNotOpenIsNotTriedTwice() {
        LoopbackRig rig = new LoopbackRig(3, false, true);
        CallbackOrQueue o = new CallbackOrQueue(() -> new OpenAlCallbackOutput(rate -> {
            throw new OutputUnavailableException("no such device (test)");
        }), rig.factory()::newOutput);
        OutputUnavailableException e = assertThrows(OutputUnavailableException.class, () -> o.open(48_000, 256));
        assertEquals("no such device (test)", e.getMessage());
        assertEquals(0, rig.outputsMade(), "the queue was not tried on a device that is not there");
        o.close();
    }
}
