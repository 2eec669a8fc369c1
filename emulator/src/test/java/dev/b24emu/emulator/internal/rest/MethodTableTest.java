package dev.b24emu.emulator.internal.rest;

import dev.b24emu.emulator.internal.server.EmulatorServer;
import dev.b24emu.emulator.support.Servers;
import dev.b24emu.specs.Contracts;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An area's methods are made when a name it may have is first asked for, and every name is still found. */
class MethodTableTest {
    private final List<String> added = new ArrayList<>();

    private MethodTable table() {
        return new MethodTable(Contracts.shared())
                .addWhenAsked(List.of("user."), t -> {
                    added.add("users");
                    t.add("user.current", call -> "me").add("user.get", call -> "them");
                })
                .addWhenAsked(List.of("crm."), t -> {
                    added.add("crm");
                    t.add("crm.deal.add", call -> 1);
                })
                .addWhenAsked(List.of("telephony."), t -> {
                    added.add("telephony");
                    t.add("telephony.externalcall.register", call -> "call");
                });
    }

    @Test
    void aNameAddsOnlyTheAreasItsBeginningNames() {
        MethodTable table = table();
        assertEquals(List.of(), added, "a start adds nothing");
        assertTrue(table.find("USER.current").isPresent(), "found in any case, as the server lower-cases names");
        assertEquals(List.of("users"), added);
        assertTrue(table.find("user.get", false).isPresent());
        assertTrue(table.find("telephony.externalCall.register").isPresent());
        assertEquals(List.of("users", "telephony"), added, "each area once");
    }

    @Test
    void anUnknownNameOrTheWholeListAddsEveryArea() {
        MethodTable table = table();
        assertTrue(table.find("no.such.method").isEmpty());
        assertEquals(Set.of("users", "crm", "telephony"), Set.copyOf(added));
        assertEquals(4, table().all().size(), "every method listed");
    }

    @Test
    void aMethodNamedByNoneOfItsAreasBeginningsIsStillFoundAndReported() {
        MethodTable table = new MethodTable(Contracts.shared())
                .addWhenAsked(List.of("crm."), t -> t.add("user.get", call -> "them"));
        assertTrue(table.find("user.get").isPresent(), "found once every area is asked");
        assertEquals(Set.of("user.get"), table.misplaced());
    }

    /** The server's areas declare how their methods' names begin, so a name makes only the areas that may have it. */
    @Test
    void everyAreaOfTheServerNamesItsMethodsByTheBeginningsItDeclares() {
        try (EmulatorServer emulator = EmulatorServer.start(Servers.config().build())) {
            assertEquals(Set.of(), emulator.methods().misplaced());
            assertTrue(emulator.methods().all().size() > 200, "every area's methods are served");
        }
    }
}
