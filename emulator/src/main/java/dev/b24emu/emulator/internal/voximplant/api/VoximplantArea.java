package dev.b24emu.emulator.internal.voximplant.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.area.Area;
import dev.b24emu.emulator.internal.control.ControlRoutes;
import dev.b24emu.emulator.internal.portal.SeedSection;
import dev.b24emu.emulator.internal.portal.StoreType;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.telephony.CallService;
import dev.b24emu.emulator.internal.voximplant.BuiltInCalls;
import dev.b24emu.emulator.internal.voximplant.CallStatistics;
import dev.b24emu.emulator.internal.voximplant.Voices;
import dev.b24emu.emulator.internal.voximplant.VoximplantSeed;
import dev.b24emu.emulator.internal.voximplant.VoximplantStore;

import java.util.List;

/**
 * Bitrix24's own telephony (voximplant.*): the call statistics of every call, lines and SIP connections, employees'
 * phone settings, links and voices, callbacks and infocalls; the "voximplant" seed field; the control endpoints under
 * /_emulator/portals/{id}/voximplant.
 */
public final class VoximplantArea implements Area {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final BuiltInCalls builtIn;
    private final CallService externalCalls;

    public VoximplantArea(BuiltInCalls builtIn, CallService externalCalls) {
        this.builtIn = builtIn;
        this.externalCalls = externalCalls;
    }

    @Override
    public List<StoreType<?>> stores() {
        return List.of(StoreType.of("voximplant", VoximplantStore.class, portal -> new VoximplantStore(portal.bounds().openCalls(), portal.id())),
                StoreType.of("voximplantStatistics", CallStatistics.class,
                        portal -> new CallStatistics(portal, portal.bounds().finishedCalls(),
                                portal.bounds().callTextBytes())));
    }

    @Override
    public List<SeedSection> seedSections() {
        return List.of(VoximplantSeed.section());
    }

    @Override
    public List<String> methodPrefixes() {
        return List.of("voximplant.");
    }

    @Override
    public void methods(MethodTable methods) {
        new StatisticMethods(builtIn).register(methods);
        OutgoingLineMethods.register(methods);
        SipMethods.register(methods);
        PhoneUserMethods.register(methods);
        new CallMethods(builtIn, externalCalls).register(methods);
        methods.add("voximplant.url.get", call -> urls(call.endpoints().baseUrl()))
                .add("voximplant.tts.voices.get", call -> {
                    ObjectNode voices = NODES.objectNode();
                    Voices.all().forEach(voices::put);
                    return voices;
                });
    }

    /** The four pages of voximplant-url-get.md on the portal's own address (D35); #CONFIG_ID# stays as a placeholder. */
    private static ObjectNode urls(String base) {
        return NODES.objectNode().put("detail_statistics", base + "/telephony/detail.php")
                .put("buy_connector", base + "/settings/license_phone_sip.php")
                .put("edit_config", base + "/telephony/edit.php?ID=#CONFIG_ID#")
                .put("lines", base + "/telephony/lines.php");
    }

    @Override
    public void control(ControlRoutes routes) {
        new VoximplantControl(builtIn).register(routes.portal());
    }
}
