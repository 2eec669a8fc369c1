package dev.b24emu.emulator.junit;

import dev.b24emu.emulator.Bitrix24Emulator;
import dev.b24emu.emulator.EmulatorOptions;
import dev.b24emu.emulator.TestPortal;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * JUnit 5: one emulator per test class (shared by its {@code @Nested} classes, closed once when the outermost class
 * ends) and a fresh, isolated portal for each test, kept in the test's own context (so tests running in parallel never
 * share one) and deleted after it. Use {@link Bitrix24Test}, or {@code @ExtendWith(Bitrix24EmulatorExtension.class)},
 * and take a {@link TestPortal} or the {@link Bitrix24Emulator} as a test or lifecycle parameter; or register an
 * instance ({@code @RegisterExtension static Bitrix24EmulatorExtension b24 = new Bitrix24EmulatorExtension();}) and call
 * {@link #portal()} from the test's thread.
 */
public class Bitrix24EmulatorExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Bitrix24EmulatorExtension.class);
    private static final String EMULATOR = "emulator";
    private static final String PORTAL = "portal";

    private final EmulatorOptions options;
    /** the portal of the test running on this thread, for {@link #portal()} */
    private final ThreadLocal<TestPortal> current = new ThreadLocal<>();

    public Bitrix24EmulatorExtension() {
        this(null);
    }

    /** An extension starting its emulator with these options (a {@link Bitrix24Test} annotation then only adds seed and settings). */
    public Bitrix24EmulatorExtension(EmulatorOptions options) {
        this.options = options;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        emulator(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        current.set(portal(context));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        current.remove();
    }

    /** The portal of the test running on the calling thread. */
    public TestPortal portal() {
        TestPortal portal = current.get();
        if (portal == null) {
            throw new IllegalStateException("No test of this extension is running on this thread");
        }
        return portal;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestPortal.class || type == Bitrix24Emulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (parameter.getParameter().getType() == Bitrix24Emulator.class) {
            return emulator(context);
        }
        if (context.getTestMethod().isEmpty()) {
            throw new IllegalStateException("A TestPortal belongs to one test: take it in a test or @BeforeEach method");
        }
        return portal(context);
    }

    /** The emulator of the outermost test class, started on first use and closed when that class ends. */
    private Bitrix24Emulator emulator(ExtensionContext context) {
        ExtensionContext outermost = outermostClass(context);
        return outermost.getStore(NAMESPACE).getOrComputeIfAbsent(EMULATOR,
                key -> new Running(Bitrix24Emulator.start(options(outermost))), Running.class).emulator;
    }

    /** The portal of the test the context belongs to: made on first use in that test, deleted when it ends. */
    private TestPortal portal(ExtensionContext context) {
        ExtensionContext test = testContext(context);
        Bitrix24Emulator emulator = emulator(test);
        return test.getStore(NAMESPACE).getOrComputeIfAbsent(PORTAL, key -> {
            Bitrix24Test annotation = annotation(test).orElse(null);
            TestPortal portal = annotation == null || annotation.seed().isEmpty() ? emulator.controls().newPortal()
                    : emulator.controls().newPortal(resource(test, annotation.seed()));
            if (annotation != null && !annotation.settings().isBlank()) {
                portal.settings(annotation.settings());
            }
            return new OwnedPortal(portal);
        }, OwnedPortal.class).portal;
    }

    private EmulatorOptions options(ExtensionContext context) {
        if (options != null) {
            return options;
        }
        Optional<Bitrix24Test> annotation = annotation(context);
        EmulatorOptions.Builder builder = EmulatorOptions.builder();
        annotation.ifPresent(a -> builder.port(a.port()).httpsPort(a.https() ? 0 : -1));
        return builder.build();
    }

    private static Optional<Bitrix24Test> annotation(ExtensionContext context) {
        for (ExtensionContext c = context; c != null && c.getParent().isPresent(); c = c.getParent().get()) {
            Optional<Bitrix24Test> found = c.getTestClass()
                    .flatMap(type -> AnnotationSupport.findAnnotation(type, Bitrix24Test.class));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static ExtensionContext outermostClass(ExtensionContext context) {
        ExtensionContext outermost = context;
        for (ExtensionContext c = context; c.getParent().isPresent(); c = c.getParent().get()) {
            if (c.getTestClass().isPresent() && c.getTestMethod().isEmpty()) {
                outermost = c;
            }
        }
        return outermost;
    }

    private static ExtensionContext testContext(ExtensionContext context) {
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            if (c.getTestMethod().isPresent()) {
                return c;
            }
        }
        throw new IllegalStateException("Not inside a test: " + context.getUniqueId());
    }

    private static String resource(ExtensionContext context, String name) {
        Class<?> anchor = context.getRequiredTestClass();
        try (InputStream in = anchor.getResourceAsStream(name.startsWith("/") ? name : "/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No seed resource " + name + " on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The emulator, closed when its class's context closes. A CloseableResource as well as AutoCloseable: JUnit closes
     * AutoCloseable values of a store only from 5.13 on, and before it (Spring Boot 3.2-3.5 manage 5.10-5.12) every
     * test class left its emulator running, its fixed port taken from the next class (audit 49c).
     */
    @SuppressWarnings("deprecation") // CloseableResource: deprecated from 5.13, the only type 5.10-5.12 close
    private static final class Running implements AutoCloseable, ExtensionContext.Store.CloseableResource {
        private final Bitrix24Emulator emulator;

        Running(Bitrix24Emulator emulator) {
            this.emulator = emulator;
        }

        @Override
        public void close() {
            emulator.close(); // closing twice does nothing: a JUnit may close a value of both types once for each
        }
    }

    /** A test's portal, deleted when the test's context closes (CloseableResource: as {@link Running}). */
    @SuppressWarnings("deprecation")
    private static final class OwnedPortal implements AutoCloseable, ExtensionContext.Store.CloseableResource {
        private final TestPortal portal;

        OwnedPortal(TestPortal portal) {
            this.portal = portal;
        }

        @Override
        public void close() {
            try {
                portal.delete();
            } catch (RuntimeException alreadyGone) {
                // the test deleted it itself, or the emulator closed first
            }
        }
    }
}
