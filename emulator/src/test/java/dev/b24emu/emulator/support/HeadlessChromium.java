package dev.b24emu.emulator.support;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;

/**
 * Debian's chromium and chromium-driver for the browser tests. CI installs them (.ci/run); on a machine without them
 * the tests are skipped rather than failed, since the browser is not part of the JDK + Maven baseline.
 */
public final class HeadlessChromium {
    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    private HeadlessChromium() {
    }

    /** Skips the calling test when the browser is missing; otherwise a fresh headless browser with its own profile. */
    public static WebDriver start() throws IOException {
        Assumptions.assumeTrue(CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(),
                "chromium and chromedriver are not installed (.ci/run installs them)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,1000",
                "--user-data-dir=" + Files.createTempDirectory("b24-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /**
     * One browser per test, quit after it:
     * {@code @RegisterExtension final HeadlessChromium.Session chromium = new HeadlessChromium.Session();}
     */
    public static final class Session implements AfterEachCallback {
        private WebDriver browser;

        /** Skips the test when the browser is missing, as {@link HeadlessChromium#start()}. */
        public WebDriver start() throws IOException {
            browser = HeadlessChromium.start();
            return browser;
        }

        @Override
        public void afterEach(ExtensionContext context) {
            if (browser != null) {
                browser.quit();
                browser = null;
            }
        }
    }
}
