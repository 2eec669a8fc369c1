package dev.b24emu.emulator.junit;

import dev.b24emu.emulator.Bitrix24Emulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

import java.net.ConnectException;
import java.net.Socket;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * A class's emulator is closed when the class ends, whatever JUnit 5 runs it: before 5.13 a store closed only its
 * CloseableResource values, and the emulator, stored as AutoCloseable alone, stayed up for the rest of the JVM, its
 * fixed port refused to the next class (audit 49c). JUnit's switch for closing AutoCloseable values, off, is that rule.
 */
class ExtensionClosingTest {
    @Test
    void aClassesEmulatorIsClosedWhenTheClassEndsUnderEitherRule() throws Exception {
        for (String closesAutoCloseable : List.of("false", "true")) {
            OneClass.port = 0;
            SummaryGeneratingListener listener = new SummaryGeneratingListener();
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(OneClass.class))
                    .configurationParameter("junit.jupiter.extensions.store.close.autocloseable.enabled",
                            closesAutoCloseable)
                    .build(), listener);
            assertEquals(1, listener.getSummary().getTestsSucceededCount(), () -> "closing AutoCloseable "
                    + closesAutoCloseable + ": " + listener.getSummary().getFailures());
            int port = OneClass.port;
            assertTrue(port > 0);
            assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close(),
                    "closing AutoCloseable " + closesAutoCloseable + ": the class's emulator still listens");
        }
    }

    /** A user's test class (nested: the build's own run leaves it to the launcher above). */
    static class OneClass {
        static volatile int port;

        @RegisterExtension
        static Bitrix24EmulatorExtension b24 = new Bitrix24EmulatorExtension();

        @Test
        void usesTheEmulator(Bitrix24Emulator emulator) {
            port = emulator.port();
        }
    }
}
