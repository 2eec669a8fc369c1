package dev.b24emu.emulator.reliability;

import dev.b24emu.emulator.internal.portal.PortalRegistry;
import dev.b24emu.emulator.internal.server.EmulatorServer;
import dev.b24emu.emulator.support.Servers;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The bound on portals made while the emulator runs (D119): a suite that makes a portal per test through the control
 * API and never deletes one cannot fill the memory. Past the bound each new portal deletes the one made at run time
 * that a request named least recently; the default portal never counts.
 */
class PortalBoundTest {
    @Test
    void pastTheBoundEachNewPortalDeletesTheLeastRecentlyUsedOneMadeAtRunTime() {
        Servers.Config config = Servers.config();
        config.maxPortals = 2;
        try (EmulatorServer emulator = EmulatorServer.start(config.build())) {
            String base = emulator.baseUrl();
            String a = create(base, "a");
            String b = create(base, "b");
            answers(a); // a is now used more recently than b

            String c = create(base, "c");
            given().get(base + "/_emulator/portals/b").then().statusCode(404);
            given().post(b + "user.current").then().statusCode(401); // its webhook is gone with it
            answers(a);
            answers(c);
            assertEquals(List.of("a", "c", PortalRegistry.DEFAULT_ID), ids(emulator));

            // a portal deleted by its suite no longer counts: the next one deletes nothing
            given().delete(base + "/_emulator/portals/a").then().statusCode(200);
            create(base, "d");
            assertEquals(List.of("c", "d", PortalRegistry.DEFAULT_ID), ids(emulator));

            // a control request naming a portal is a use too: c is kept, d goes
            given().get(base + "/_emulator/portals/c").then().statusCode(200);
            create(base, "e");
            assertEquals(List.of("c", PortalRegistry.DEFAULT_ID, "e"), ids(emulator));
            answers(emulator.webhookUrl(emulator.portals().require(PortalRegistry.DEFAULT_ID)));
        }
    }

    /** Creates a portal through the control API; its webhook URL. */
    private static String create(String base, String id) {
        return given().contentType(ContentType.JSON).body("{\"id\":\"" + id + "\"}").post(base + "/_emulator/portals")
                .then().statusCode(201).body("id", equalTo(id)).extract().path("webhookUrl");
    }

    private static void answers(String webhook) {
        given().post(webhook + "user.current").then().statusCode(200);
    }

    private static List<String> ids(EmulatorServer emulator) {
        return emulator.portals().all().stream().map(portal -> portal.id()).toList();
    }
}
