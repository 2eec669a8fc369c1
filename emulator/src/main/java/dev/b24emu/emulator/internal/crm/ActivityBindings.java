package dev.b24emu.emulator.internal.crm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The CRM objects a call's activity is bound to, as the crm module's BindingSelector picks them for the call's client
 * (specs/DECISIONS.md D160): a contact's or company's deals in progress, or, without any, its repeat leads in progress,
 * then the client itself; a lead or deal alone. What the call created joins them, and they are sorted as
 * BindingSelector::sortBindings sorts them: deals, then leads, then the rest by their type's number. The first is
 * the activity's owner (CCrmActivity::Add takes BINDINGS[0] when no owner is given, as AddCall gives none).
 */
public final class ActivityBindings {
    private ActivityBindings() {
    }

    public static List<CrmRef> of(CrmStore crm, CrmRef client, List<CrmRef> registered) {
        Set<CrmRef> found = new LinkedHashSet<>();
        if (client != null) {
            if (client.type() == CrmEntityType.CONTACT || client.type() == CrmEntityType.COMPANY) {
                List<CrmItem> open = crm.openSalesOf(client).stream().sorted(Comparator.comparingLong(CrmItem::id))
                        .toList();
                List<CrmItem> deals = open.stream().filter(item -> item.type() == CrmEntityType.DEAL).toList();
                List<CrmItem> chosen = !deals.isEmpty() ? deals : open.stream()
                        .filter(item -> item.type() == CrmEntityType.LEAD && "Y".equals(item.text("IS_RETURN_CUSTOMER")))
                        .toList();
                chosen.forEach(item -> found.add(item.ref()));
            }
            found.add(client);
        }
        found.addAll(registered);
        return sorted(found);
    }

    /** BindingSelector::sortBindings: deals first, then leads, then the other types by their number; each in order. */
    static List<CrmRef> sorted(Set<CrmRef> bindings) {
        List<CrmRef> list = new ArrayList<>(bindings);
        list.sort(Comparator.comparingInt(ActivityBindings::rank));
        return list;
    }

    private static int rank(CrmRef ref) {
        return switch (ref.type()) {
            case DEAL -> 0;
            case LEAD -> 1;
            default -> 1 + ref.type().ownerTypeId();
        };
    }
}
