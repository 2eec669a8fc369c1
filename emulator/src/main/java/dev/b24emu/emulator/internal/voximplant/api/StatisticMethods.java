package dev.b24emu.emulator.internal.voximplant.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.rest.RestCall;
import dev.b24emu.emulator.internal.transport.ListQuery;
import dev.b24emu.emulator.internal.transport.ListResult;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.voximplant.BuiltInCalls;
import dev.b24emu.emulator.internal.voximplant.CallStatistics;
import dev.b24emu.emulator.internal.voximplant.FilterQuery;
import dev.b24emu.emulator.internal.voximplant.PortalLookup;
import dev.b24emu.emulator.internal.voximplant.Rights;
import dev.b24emu.emulator.internal.voximplant.StatField;
import dev.b24emu.emulator.internal.voximplant.StatViews;

/**
 * voximplant.statistic.get (api-reference/telephony/voximplant/voximplant-statistic-get.md): the records of ended
 * calls, filtered and sorted, 50 a page with next and total. A user whose "Call Statistics — View" right is OWN sees
 * only their own calls, as the server restricts it (D62).
 */
final class StatisticMethods {
    private final BuiltInCalls builtIn;

    StatisticMethods(BuiltInCalls builtIn) {
        this.builtIn = builtIn;
    }

    void register(MethodTable methods) {
        methods.add("voximplant.statistic.get", this::get);
    }

    private ListResult get(RestCall call) {
        Rights.Level level = Permissions.require(call, Rights::callStatisticView);
        Portal portal = call.portal();
        builtIn.tick(portal);
        Params p = call.params();
        FilterQuery<StatField> query = FilterQuery.of(StatField.class, p.node("FILTER").orElse(null),
                p.node("SORT").orElse(null), p.node("ORDER").orElse(null), portal.settings().timeZone());
        if (level == Rights.Level.OWN) {
            query = query.and(StatField.PORTAL_USER_ID, call.userId());
        }
        int start = (int) Math.max(0, Math.min(Integer.MAX_VALUE, p.start()));
        PortalLookup lookup = new PortalLookup(portal);
        CallStatistics.Page page = portal.store(CallStatistics.class).page(query, lookup, start, ListQuery.PAGE_SIZE);
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        page.rows().forEach(row -> items.add(StatViews.record(portal, row, lookup)));
        if (p.start() < 0) {
            // statisticGet: "$totalCount = $start >= 0 ? getCount() : 0", so setNavData writes total 0 and no next
            // (the first page, its count skipped: D61)
            return new ListResult(items, null, 0);
        }
        Integer next = (long) start + ListQuery.PAGE_SIZE < page.total() ? start + ListQuery.PAGE_SIZE : null;
        return new ListResult(items, next, page.total());
    }
}
