package dev.b24emu.emulator.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.b24emu.emulator.internal.crm.CrmEntityType;
import dev.b24emu.emulator.internal.crm.CrmItem;
import dev.b24emu.emulator.internal.crm.CrmStore;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.PortalRegistry;
import dev.b24emu.emulator.internal.server.EmulatorServer;
import dev.b24emu.emulator.internal.server.ServerConfig;
import dev.b24emu.emulator.support.Servers;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.b24emu.emulator.support.WebhookJson.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-portal bound of CRM objects made while a portal runs (D118): a call load that creates a lead and an
 * activity per call cannot fill the heap. Past the bound each new object drops the oldest of its kind made at run
 * time; the seeded objects stay, and a dropped object answers as one the portal never had.
 */
class CrmObjectBoundTest {
    @Test
    void pastTheBoundEachNewLeadAndActivityDropsTheOldestMadeAtRunTimeAndTheSeedStays() throws Exception {
        try (EmulatorServer emulator = EmulatorServer.start(keepingCrmObjects(3))) {
            Portal portal = emulator.portals().get(PortalRegistry.DEFAULT_ID).orElseThrow();
            CrmStore crm = portal.store(CrmStore.class);
            String webhook = emulator.webhookUrl(portal);
            List<Long> seededLeads = ids(crm, CrmEntityType.LEAD);
            List<Long> seededContacts = ids(crm, CrmEntityType.CONTACT);
            assertTrue(seededContacts.size() > 0, "the demo portal seeds contacts");

            List<Long> leads = new ArrayList<>();
            List<Long> activities = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                JsonNode registered = post(webhook, "telephony.externalcall.register", "{\"USER_ID\":1,"
                        + "\"PHONE_NUMBER\":\"+7900000000" + i + "\",\"TYPE\":2,\"CRM_CREATE\":1}");
                leads.add(registered.at("/result/CRM_CREATED_LEAD").asLong());
                JsonNode finished = post(webhook, "telephony.externalcall.finish", "{\"CALL_ID\":\""
                        + registered.at("/result/CALL_ID").asText() + "\",\"USER_ID\":1,\"DURATION\":5}");
                activities.add(finished.at("/result/CRM_ACTIVITY_ID").asLong());
            }

            List<Long> kept = new ArrayList<>(seededLeads);
            kept.addAll(leads.subList(2, 5));
            assertEquals(kept, ids(crm, CrmEntityType.LEAD), "the seed's leads and the newest three made by calls");
            assertEquals(seededContacts, ids(crm, CrmEntityType.CONTACT));
            assertEquals(activities.subList(2, 5), crm.activities().stream().map(a -> a.get("ID").asLong()).toList());

            JsonNode dropped = post(webhook, "crm.lead.get", "{\"id\":" + leads.get(0) + "}");
            assertEquals("Not found", dropped.path("error_description").asText(), dropped.toString());
            JsonNode droppedActivity = post(webhook, "crm.activity.get", "{\"id\":" + activities.get(1) + "}");
            assertEquals("Activity is not found.", droppedActivity.path("error_description").asText(),
                    droppedActivity.toString());
            JsonNode keptLead = post(webhook, "crm.lead.get", "{\"id\":" + leads.get(4) + "}");
            assertEquals(Long.toString(leads.get(4)), keptLead.at("/result/ID").asText(), keptLead.toString());

            // a lead deleted by a client is forgotten by the bound: the next one drops the oldest still there
            post(webhook, "crm.lead.delete", "{\"id\":" + leads.get(3) + "}");
            long byHand = post(webhook, "crm.lead.add", "{\"fields\":{\"TITLE\":\"by hand\"}}").path("result").asLong();
            kept = new ArrayList<>(seededLeads);
            kept.addAll(List.of(leads.get(2), leads.get(4), byHand));
            assertEquals(kept, ids(crm, CrmEntityType.LEAD));
        }
    }

    @Test
    void pastTheBudgetTheObjectsWrittenLeastRecentlyGoWhateverTheirKind() throws Exception {
        Servers.Config config = Servers.config();
        config.crmMegabytes = 1; // 400,000 characters weigh about 400 KB: two such objects fit, not three
        try (EmulatorServer emulator = EmulatorServer.start(config.build())) {
            Portal portal = emulator.portals().get(PortalRegistry.DEFAULT_ID).orElseThrow();
            CrmStore crm = portal.store(CrmStore.class);
            String webhook = emulator.webhookUrl(portal);
            List<Long> seededLeads = ids(crm, CrmEntityType.LEAD);
            List<Long> seededContacts = ids(crm, CrmEntityType.CONTACT);
            List<Long> seededDeals = ids(crm, CrmEntityType.DEAL);

            long a = add(webhook, "crm.lead.add", 400_000);
            long b = add(webhook, "crm.lead.add", 400_000);
            long c = add(webhook, "crm.contact.add", 400_000); // over the budget: the oldest of any kind, a, goes
            assertEquals(with(seededLeads, b), ids(crm, CrmEntityType.LEAD));
            assertEquals(with(seededContacts, c), ids(crm, CrmEntityType.CONTACT));
            JsonNode dropped = post(webhook, "crm.lead.get", "{\"id\":" + a + "}");
            assertEquals("Not found", dropped.path("error_description").asText(), dropped.toString());

            // an update makes b the most recently written: the next drop takes c
            post(webhook, "crm.lead.update", "{\"id\":" + b + ",\"fields\":{\"TITLE\":\"written again\"}}");
            long d = add(webhook, "crm.lead.add", 400_000);
            assertEquals(with(seededLeads, b, d), ids(crm, CrmEntityType.LEAD));
            assertEquals(seededContacts, ids(crm, CrmEntityType.CONTACT));

            // one object heavier than the whole budget is kept, alone of those made at run time
            long huge = add(webhook, "crm.deal.add", 1_200_000);
            assertEquals(seededLeads, ids(crm, CrmEntityType.LEAD));
            assertEquals(with(seededDeals, huge), ids(crm, CrmEntityType.DEAL));
        }
    }

    /** Adds an object whose COMMENTS has that many characters; its ID. */
    private static long add(String webhook, String method, int characters) throws Exception {
        JsonNode added = post(webhook, method, "{\"fields\":{\"TITLE\":\"big\",\"COMMENTS\":\""
                + "x".repeat(characters) + "\"}}");
        return added.path("result").asLong();
    }

    private static List<Long> with(List<Long> seeded, Long... made) {
        List<Long> all = new ArrayList<>(seeded);
        all.addAll(List.of(made));
        return all;
    }

    private static ServerConfig keepingCrmObjects(int objects) {
        Servers.Config config = Servers.config();
        config.crmObjects = objects;
        return config.build();
    }

    private static List<Long> ids(CrmStore crm, CrmEntityType type) {
        return crm.all(type).stream().map(CrmItem::id).toList();
    }

}
