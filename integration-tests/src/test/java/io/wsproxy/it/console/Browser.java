package io.wsproxy.it.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver: both binaries are named, so
 * Selenium never looks for or downloads a browser or a driver (and the surefire configuration
 * points Selenium Manager at /bin/false in case it ever tried). A fresh profile per browser.
 *
 * <p>The test PKI's server certificates are trusted by their public key
 * ({@code --ignore-certificate-errors-spki-list}), so only those certificates pass, not any
 * certificate as {@code --ignore-certificate-errors} would allow.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Under the module's target/ (surefire runs in the module's directory). */
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private final ChromeDriver driver;
    private final Path downloads;

    private Browser(ChromeDriver driver, Path downloads) {
        this.driver = driver;
        this.downloads = downloads;
    }

    /**
     * @param dir          the profile, downloads and chromedriver's log go here
     * @param trustedCerts PEM server certificates the browser accepts as if a CA had signed them
     */
    static Browser start(Path dir, Path... trustedCerts) throws IOException {
        Files.createDirectories(dir);
        Path downloads = Files.createDirectories(dir.resolve("downloads"));
        List<String> args = new ArrayList<>(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,860", "--lang=en-US",
                "--user-data-dir=" + dir.resolve("profile")));
        if (trustedCerts.length > 0) {
            List<String> hashes = new ArrayList<>();
            for (Path cert : trustedCerts) {
                hashes.add(spkiSha256(cert));
            }
            args.add("--ignore-certificate-errors-spki-list=" + String.join(",", hashes));
        }
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments(args);
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(dir.resolve("chromedriver.log").toFile())
                .build();
        return new Browser(new ChromeDriver(service, options), downloads);
    }

    /** Base64 of the SHA-256 of the certificate's SubjectPublicKeyInfo, as Chromium's flag takes it. */
    static String spkiSha256(Path certPem) throws IOException {
        try (InputStream in = Files.newInputStream(certPem)) {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(cert.getPublicKey().getEncoded());
            return Base64.getEncoder().encodeToString(digest);
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot read " + certPem, e);
        }
    }

    /**
     * What the page wrote to the browser's console (errors, Content-Security-Policy violations,
     * warnings) since the last call: reading empties the buffer.
     */
    List<String> consoleMessages(Level atLeast) {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= atLeast.intValue())
                .map(e -> e.getLevel() + " " + e.getMessage())
                .toList();
    }

    ChromeDriver driver() {
        return driver;
    }

    Path downloads() {
        return downloads;
    }

    /** Saves what the page shows at the end of {@code test} as target/console-screenshots/CLASS-METHOD.png. */
    Path screenshot(TestInfo test) {
        return screenshot(test.getTestClass().orElseThrow().getSimpleName() + "-"
                + test.getTestMethod().orElseThrow().getName());
    }

    /** Saves what the page shows now as target/console-screenshots/NAME.png. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
