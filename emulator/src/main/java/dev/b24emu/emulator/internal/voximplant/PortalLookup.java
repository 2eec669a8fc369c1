package dev.b24emu.emulator.internal.voximplant;

import dev.b24emu.emulator.internal.apps.App;
import dev.b24emu.emulator.internal.apps.AppStore;
import dev.b24emu.emulator.internal.crm.CrmRef;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.telephony.CallRecord;
import dev.b24emu.emulator.internal.telephony.TelephonyStore;

import java.util.List;

/** The statistics' look-ups in a portal's telephony and apps stores. */
public record PortalLookup(Portal portal) implements StatLookup {
    @Override
    public Long recordFileId(String callId) {
        return portal.store(TelephonyStore.class).record(callId).map(CallRecord::fileId).orElse(null);
    }

    @Override
    public String recordUrl(String callId) {
        return portal.store(TelephonyStore.class).record(callId).map(CallRecord::url).orElse(null);
    }

    @Override
    public Long transcriptId(String callId) {
        return portal.store(TelephonyStore.class).transcriptOf(callId).orElse(null);
    }

    @Override
    public List<CrmRef> bindings(String callId) {
        return portal.store(TelephonyStore.class).finished(callId).map(f -> f.call().bindings()).orElse(List.of());
    }

    @Override
    public String appName(String appKey) {
        return portal.store(AppStore.class).byAppKey(appKey).map(App::name).orElse(null);
    }
}
