package dev.b24emu.emulator.internal.transport;

/** Resolves credentials to a caller, or throws the RestError the real server answers for them. */
public interface Authenticator {
    Caller webhook(String userId, String token);

    Caller oauth(String accessToken);
}
