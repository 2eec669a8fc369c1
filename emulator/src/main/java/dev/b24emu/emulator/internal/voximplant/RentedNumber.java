package dev.b24emu.emulator.internal.voximplant;

/**
 * A number rented from Bitrix24 telephony: a line whose ID is the number (digits), named by its international form
 * unless a name was given. Rented numbers come from the seed or the control API (a test cannot rent one by REST).
 */
public record RentedNumber(long configId, String number, String name) {
    public String lineName() {
        return name != null && !name.isBlank() ? name : "+" + number;
    }
}
