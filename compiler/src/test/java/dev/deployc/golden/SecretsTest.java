package dev.deployc.golden;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deployc.Compiler;
import dev.deployc.emit.GeneratedFile;
import dev.deployc.support.Specs;
import org.junit.jupiter.api.Test;

/**
 * Secrets have one home: a credential. `env` refuses what looks like one, credentials reach only
 * LoadCredential=, and no `env` value or credential path ever reaches a Dockerfile (no ENV, no ARG).
 */
class SecretsTest {

    private static final String SPEC = """
            project "shop" {
              module      = "example.com/shop"
              go          = "1.22"
              version_var = "example.com/shop/internal/version.Version"
            }

            service "web" {
              env { LOG_LEVEL = "debug-marker-1" }
              credentials { db_password = "/etc/shop/marker-2.pass" }
              encrypted_credentials { api_token = "/etc/credstore.encrypted/marker-3" }
            }
            """;

    @Test
    void credentialsReachOnlyTheUnit() {
        Compiler.Result r = Specs.compile("secrets.deploy", SPEC);
        assertTrue(r.ok(), Specs.rendered(r));
        String unit = r.files().stream().filter(f -> f.path().endsWith("shop-web.service")).findFirst().orElseThrow().content();
        assertTrue(unit.contains("LoadCredential=db_password:/etc/shop/marker-2.pass\n"), unit);
        assertTrue(unit.contains("LoadCredentialEncrypted=api_token:/etc/credstore.encrypted/marker-3\n"), unit);
        for (GeneratedFile f : r.files()) {
            if (!f.path().contains("/docker/")) continue;
            for (String marker : new String[] {"marker-1", "marker-2", "marker-3", "LOG_LEVEL", "db_password", "api_token"}) {
                assertFalse(f.content().contains(marker), f.path() + " carries " + marker);
            }
            for (String line : f.content().split("\n")) {
                assertFalse(line.startsWith("ENV "), f.path() + ": " + line);
            }
        }
    }

    @Test
    void aSecretInEnvIsAnErrorNamingTheSafeHomes() {
        Compiler.Result r = Specs.compile("secrets.deploy", SPEC.replace("LOG_LEVEL = \"debug-marker-1\"", "API_KEY = \"k\""));
        assertFalse(r.ok());
        String out = Specs.rendered(r);
        assertTrue(out.contains("`API_KEY` looks like a secret") && out.contains("credentials {") && out.contains("encrypted_credentials"), out);
    }
}
