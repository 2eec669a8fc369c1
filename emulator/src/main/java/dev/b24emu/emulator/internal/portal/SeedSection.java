package dev.b24emu.emulator.internal.portal;

import com.fasterxml.jackson.core.JsonParser;

import java.io.IOException;

/**
 * One top-level field of a seed file, owned by the area that seeds it ("users", "contacts", ...). The reader gets
 * the parser on the field's value and may stream it (a 100,000-contact seed is never one tree); it returns what the
 * area's store adds on every (re)seed, and throws {@link SeedException} naming what is wrong.
 */
public interface SeedSection {
    String field();

    Object read(JsonParser value) throws IOException;
}
