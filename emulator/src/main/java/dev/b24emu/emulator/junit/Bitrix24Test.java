package dev.b24emu.emulator.junit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class with a Bitrix24 emulator, as {@code @WireMockTest} gives one with WireMock: one emulator for the class
 * (shared by its {@code @Nested} classes), and a fresh, isolated portal for each test, deleted after it. Take a
 * {@link dev.b24emu.emulator.TestPortal} or the {@link dev.b24emu.emulator.Bitrix24Emulator} as a parameter:
 * <pre>{@code
 * @Bitrix24Test(settings = "{\"crmMode\":\"SIMPLE\"}")
 * class MyConnectorTest {
 *     @Test
 *     void registersTheCall(TestPortal portal) { ... portal.webhookUrl() ... }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(Bitrix24EmulatorExtension.class)
public @interface Bitrix24Test {
    /** The HTTP port; 0 (the default) picks a free one. */
    int port() default 0;

    /** Whether to serve HTTPS beside HTTP (on a free port, with the self-signed certificate). */
    boolean https() default false;

    /** A classpath resource with the seed of each test's portal (the format of --seed); "" for the demo portal. */
    String seed() default "";

    /** Settings every test's portal starts with, as PATCH …/settings takes them (JSON); "" for none. */
    String settings() default "";
}
