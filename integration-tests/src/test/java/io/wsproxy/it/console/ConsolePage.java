package io.wsproxy.it.console;

import io.wsproxy.it.support.Eventually;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/** The console page as a user sees it: fill the form, type SQL, press keys, read what is shown. */
final class ConsolePage {
    static final Duration WAIT = Duration.ofSeconds(30);

    private final ChromeDriver driver;

    ConsolePage(Browser browser) {
        this.driver = browser.driver();
    }

    /** Loads the page from {@code base} and waits until its script has set up the form. */
    ConsolePage open(URI base) {
        driver.get(base.resolve("/").toString());
        Eventually.await(WAIT, "the console page is ready",
                () -> "true".equals(find("body").getDomAttribute("data-ready")));
        return this;
    }

    ConsolePage set(String fieldId, String value) {
        WebElement field = byId(fieldId);
        field.clear();
        field.sendKeys(value);
        return this;
    }

    ConsolePage check(String checkboxId, boolean on) {
        WebElement box = byId(checkboxId);
        if (box.isSelected() != on) {
            box.click();
        }
        return this;
    }

    ConsolePage selectCluster(String id) {
        byId("cluster").findElement(By.cssSelector("option[value='" + id + "']")).click();
        return this;
    }

    /** Fills user and password, clicks Connect and waits until it connected or shows why not. */
    ConsolePage connect(String user, String password) {
        set("user", user).set("password", password);
        byId("connect").click();
        Eventually.await(WAIT, "connected, or an error shown", () -> connected() || byId("connect-error").isDisplayed());
        return this;
    }

    boolean connected() {
        return "connected".equals(byId("conn-state").getDomAttribute("data-state"));
    }

    String connectionLine() {
        return byId("conn-state").getText();
    }

    String connectError() {
        return byId("connect-error").getText();
    }

    String connectErrorKind() {
        return byId("connect-error").getDomAttribute("data-kind");
    }

    /** Types {@code sql} into the editor and presses Ctrl-Enter; does not wait for the result. */
    ConsolePage start(String sql) {
        WebElement editor = byId("sql");
        editor.clear();
        editor.sendKeys(sql);
        return runEditor();
    }

    /** Presses Ctrl-Enter in the editor and waits until that run has started. */
    ConsolePage runEditor() {
        String before = byId("results").getDomAttribute("data-run");
        byId("sql").sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        Eventually.await(WAIT, "the query starts", () -> !Objects.equals(before, byId("results").getDomAttribute("data-run")));
        return this;
    }

    /** Runs {@code sql} and waits until it has finished, whatever the outcome. */
    ConsolePage run(String sql) {
        start(sql);
        return awaitIdle(WAIT);
    }

    ConsolePage awaitIdle(Duration timeout) {
        Eventually.await(timeout, "the query has finished", () -> !"running".equals(statusState()));
        return this;
    }

    String statusState() {
        return byId("status").getDomAttribute("data-state");
    }

    String status() {
        return byId("status").getText();
    }

    List<WebElement> results() {
        return driver.findElements(By.cssSelector("#results > .result"));
    }

    /** The text of the only error panel of the last run. */
    String errorShown() {
        List<WebElement> errors = driver.findElements(By.cssSelector("#results > .result[data-kind=error]"));
        if (errors.size() != 1) {
            throw new AssertionError("expected one error panel, found " + errors.size() + "; results: " + resultsText());
        }
        return errors.get(0).getText();
    }

    String resultsText() {
        return byId("results").getText();
    }

    /** The rows of result set {@code index} that are rendered (in view), cell texts in column order. */
    List<List<String>> renderedRows(int index) {
        WebElement set = driver.findElements(By.cssSelector("#results > .result[data-kind=rows]")).get(index);
        return set.findElements(By.cssSelector("tr.data")).stream()
                .map(tr -> tr.findElements(By.tagName("td")).stream().map(WebElement::getText).toList())
                .toList();
    }

    List<String> headers(int index) {
        WebElement set = driver.findElements(By.cssSelector("#results > .result[data-kind=rows]")).get(index);
        return set.findElements(By.cssSelector("thead th")).stream().map(WebElement::getText).toList();
    }

    void click(String id) {
        byId(id).click();
    }

    WebElement byId(String id) {
        return driver.findElement(By.id(id));
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    Object script(String js, Object... args) {
        return driver.executeScript(js, args);
    }

    String url() {
        return driver.getCurrentUrl();
    }
}
