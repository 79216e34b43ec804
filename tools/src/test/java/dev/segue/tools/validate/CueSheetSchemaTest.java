package dev.segue.tools.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The shipped JSON Schema: every shipped sheet names it and passes it; broken sheets do not. */
class CueSheetSchemaTest {
    static final Path ASSETS = Path.of("..", "assets");

    private static Schema schema() throws IOException {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(Files.readString(ASSETS.resolve("cuesheet.schema.json")), InputFormat.JSON);
    }

    @Test
    void everyShippedSheetReferencesAndPassesTheSchema() throws IOException {
        Schema schema = schema();
        List<Path> sheets;
        try (Stream<Path> s = Files.walk(ASSETS)) {
            sheets = s.filter(p -> p.toString().endsWith(".cues.json") && !p.toString().contains("target")).toList();
        }
        assertTrue(!sheets.isEmpty(), "no shipped sheets found under " + ASSETS.toAbsolutePath());
        for (Path p : sheets) {
            String text = Files.readString(p);
            assertTrue(text.contains("\"$schema\""), p + " does not reference the schema");
            List<Error> errors = schema.validate(text, InputFormat.JSON);
            assertEquals(List.of(), errors.stream().map(Error::toString).toList(), p.toString());
            // and the reference resolves, from the sheet's folder, to the schema file
            String ref = com.google.gson.JsonParser.parseString(text).getAsJsonObject().get("$schema").getAsString();
            assertTrue(Files.isSameFile(p.getParent().resolve(ref), ASSETS.resolve("cuesheet.schema.json")), p + ": " + ref);
        }
    }

    @Test
    void aBrokenSheetFailsTheSchemaWhereItIsBroken() throws IOException {
        String broken = """
                { "cues": { "calm": { "tempo": { "bpm": "fast" }, "fadeout": 3,
                  "stems": [ { "name": "pad" } ] } },
                  "transitions": [ { "from": "*", "to": "calm", "when": "sometime" } ] }
                """;
        List<String> errors = schema().validate(broken, InputFormat.JSON).stream().map(Error::toString).toList();
        String all = String.join("\n", errors);
        assertTrue(all.contains("/cues/calm/tempo/bpm"), all);
        assertTrue(all.contains("fadeout"), all);
        assertTrue(all.contains("/cues/calm/stems/0") && all.contains("file"), all);
        assertTrue(all.contains("/transitions/0/when"), all);
    }
}
