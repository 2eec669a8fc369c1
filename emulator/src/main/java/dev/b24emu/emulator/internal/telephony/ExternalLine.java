package dev.b24emu.emulator.internal.telephony;

/** An external line of one application (telephony.externalLine.*); register creates unknown ones silently. */
public record ExternalLine(long id, String appKey, String number, String name, boolean crmAutoCreate) {
}
