package dev.segue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segue.control.Events;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

class EventTypesTest {
    /** The audio thread sends codes; the game thread turns them into SegueEvent.Type by ordinal. */
    @Test
    void eventCodesMatchTheirTypes() throws Exception {
        int codes = 0;
        for (Field f : Events.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && !f.getName().startsWith("ERR_") && !f.getName().startsWith("SKIP_")) {
                assertEquals(f.getName(), SegueEvent.Type.values()[f.getInt(null)].name());
                codes++;
            }
        }
        assertEquals(SegueEvent.Type.values().length, codes);
    }
}
