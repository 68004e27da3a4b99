package dev.deployc.validators;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads an ELF file's program headers: independent of readelf, to judge build.sh's own check. */
final class ElfHeaders {

    private static final int PT_INTERP = 3;

    private ElfHeaders() {}

    static boolean hasInterpreter(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
        if (b.getInt(0) != 0x7f454c46) throw new AssertionError(file + " is not ELF");
        boolean is64 = b.get(4) == 2;
        b.order(b.get(5) == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        long phoff = is64 ? b.getLong(0x20) : Integer.toUnsignedLong(b.getInt(0x1c));
        int phentsize = Short.toUnsignedInt(b.getShort(is64 ? 0x36 : 0x2a));
        int phnum = Short.toUnsignedInt(b.getShort(is64 ? 0x38 : 0x2c));
        for (int i = 0; i < phnum; i++) {
            if (b.getInt((int) (phoff + (long) i * phentsize)) == PT_INTERP) return true;
        }
        return false;
    }
}
