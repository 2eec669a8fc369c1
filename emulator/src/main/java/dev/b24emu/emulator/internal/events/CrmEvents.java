package dev.b24emu.emulator.internal.events;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.crm.CrmChange;
import dev.b24emu.emulator.internal.crm.CrmListener;
import dev.b24emu.emulator.internal.portal.Portal;

/**
 * The CRM events: onCrmLeadAdd, onCrmActivityUpdate, onCrmTimelineCommentAdd and the others, sent for every change
 * whoever made it, as CCrmLead::Add and the others raise them for the REST events of CCrmRestService (the call
 * activity telephony.externalcall.finish writes, the lead register creates). Their data is the object's ID only,
 * {FIELDS: {ID}} (processEntityEvent); a handler reads the object itself. onCrmDealMoveToCategory tells the pipeline
 * and the stage the deal came to beside it, {FIELDS: {ID, CATEGORY_ID, STAGE_ID}}.
 */
public final class CrmEvents implements CrmListener {
    private final EventPublisher publisher;

    public CrmEvents(EventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void changed(Portal portal, CrmChange change) {
        String id = Long.toString(change.id());
        publisher.publish(portal, change.eventName(), () -> data(id, change.fields()),
                new EventPublisher.Emit(change.origin(), null, id));
    }

    /** {FIELDS: {ID}}, and what the change tells beside it (a deal's move: CATEGORY_ID, STAGE_ID). */
    private static ObjectNode data(String id, java.util.Map<String, String> more) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        ObjectNode fields = data.putObject("FIELDS").put("ID", id);
        more.forEach(fields::put);
        return data;
    }
}
