package dev.b24emu.emulator.junit;

import dev.b24emu.emulator.Bitrix24Emulator;
import dev.b24emu.emulator.EmulatorOptions;
import dev.b24emu.emulator.TestPortal;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5: an emulator on a free port for the test class and a fresh, isolated portal for each test, so tests
 * running in parallel never see each other's calls. Use {@code @ExtendWith(Bitrix24EmulatorExtension.class)} and take
 * a {@link TestPortal} (or the {@link Bitrix24Emulator}) as a test or lifecycle parameter, or register an instance:
 * {@code @RegisterExtension static Bitrix24EmulatorExtension b24 = new Bitrix24EmulatorExtension();} and call
 * {@link #portal()}.
 */
public class Bitrix24EmulatorExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Bitrix24EmulatorExtension.class);
    private final EmulatorOptions options;
    private Bitrix24Emulator emulator;
    private TestPortal current;

    public Bitrix24EmulatorExtension() {
        this(EmulatorOptions.defaults().withPort(0));
    }

    public Bitrix24EmulatorExtension(EmulatorOptions options) {
        this.options = options;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        emulator = Bitrix24Emulator.start(options);
        context.getStore(NAMESPACE).put("emulator", emulator);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        current = emulator.controls().newPortal();
    }

    /** The current test's portal. */
    public TestPortal portal() {
        return current;
    }

    public Bitrix24Emulator emulator() {
        return emulator;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestPortal.class || type == Bitrix24Emulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (parameter.getParameter().getType() == Bitrix24Emulator.class) {
            return emulator;
        }
        if (current == null) {
            current = emulator.controls().newPortal();
        }
        return current;
    }
}
