package dev.deployc.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** Our SHA-256 is the JDK's, byte for byte, on any input and at every padding boundary. */
class Sha256Properties {

    @Property(tries = 2000)
    void agreesWithTheJdk(@ForAll @Size(max = 300) byte[] message) throws NoSuchAlgorithmException {
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(message), Sha256.digest(message));
    }

    @Example
    void agreesAtEveryLengthAroundTheBlockBoundaries() throws NoSuchAlgorithmException {
        for (int length = 0; length <= 200; length++) {
            byte[] message = new byte[length];
            for (int i = 0; i < length; i++) message[i] = (byte) (i * 31 + 7);
            assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(message), Sha256.digest(message), "length " + length);
        }
    }

    @Example
    void matchesTheStandardsTestVectors() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                HexFormat.of().formatHex(Sha256.digest("abc".getBytes(StandardCharsets.US_ASCII))));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", HexFormat.of().formatHex(Sha256.digest(new byte[0])));
        assertEquals("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1", HexFormat.of().formatHex(
                Sha256.digest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".getBytes(StandardCharsets.US_ASCII))));
    }
}
