package dev.deployc.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.deployc.schema.LanguageReference;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/language.md is generated from the schema table; the checked-in copy must be current. */
class LanguageReferenceTest {

    private static final Path DOC = Path.of("docs/language.md");

    @Test
    void checkedInReferenceIsCurrent() throws Exception {
        String generated = LanguageReference.markdown();
        if (Boolean.getBoolean("golden.update")) {
            if ("true".equals(System.getenv("CI"))) fail("-Dgolden.update=true is refused when CI=true");
            Files.writeString(DOC, generated);
            fail("rewrote " + DOC + "; read the diff, then run again without -Dgolden.update");
        }
        assertEquals(generated, Files.exists(DOC) ? Files.readString(DOC) : "",
                DOC + " is stale: run mvn -B verify -Dgolden.update=true and commit it");
    }
}
