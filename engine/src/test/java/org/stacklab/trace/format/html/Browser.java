package org.stacklab.trace.format.html;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driven through chromedriver (Debian's {@code chromium} and
 * {@code chromium-driver}), for the explorer's browser tests. Outside CI a missing browser or
 * driver skips the test with a message; with {@code CI=true} it fails it.
 */
final class Browser implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(30);
    final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static Optional<Path> driverExecutable() {
        String env = System.getenv("CHROMEDRIVER");
        Path p = env != null && !env.isBlank() ? Path.of(env) : Path.of("/usr/bin/chromedriver");
        return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }

    /** Skips (or under CI fails) when chromium or chromedriver is missing. */
    static void require() {
        boolean ok = ChromiumSupport.executable().isPresent() && driverExecutable().isPresent();
        String msg = "chromium and chromedriver are needed (apt-get install chromium chromium-driver); "
                + "skipping the explorer's browser tests";
        if (!ok && "true".equals(System.getenv("CI"))) {
            fail(msg + " -- but CI=true, so this is a failure");
        }
        Assumptions.assumeTrue(ok, msg);
    }

    static Browser open() throws Exception {
        require();
        Path profile = Files.createTempDirectory("chromedriver-profile");
        ChromeOptions o = new ChromeOptions();
        o.setBinary(ChromiumSupport.executable().orElseThrow().toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--window-size=1400,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(driverExecutable().orElseThrow().toString())).usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, o), profile);
    }

    /** Opens {@code page} (with an optional {@code #fragment}) and waits for the explorer to be ready. */
    void load(Path page, String fragment) {
        driver.get(page.toUri() + (fragment == null ? "" : fragment));
        new WebDriverWait(driver, WAIT).until(d -> "yes".equals(d.findElement(By.id("ex")).getAttribute("data-ready")));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    WebDriver d() {
        return driver;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            ChromiumSupport.deleteQuietly(profile);
        }
    }
}
