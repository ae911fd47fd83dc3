package io.cxengine.journey.launcher;

import io.cxengine.journey.benchmarks.JourneyGenerator;
import io.cxengine.journey.command.recording.JourneyCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console on an engine and a PostgreSQL of its own (a fresh data directory under {@code target/}), seeded with a
 * generated year of journeys: an operator watches a rebuild of every projection move (a rebuild reads the whole
 * store, and the shared test store holds events other tests corrupt on purpose), and each page is drawn from the
 * seeded journeys for the screenshots in {@code docs/console.md} ({@code target/console-screenshots/seeded-*.png}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "journey.embedded-postgres.ephemeral=false", "journey.rebuild.batch-size=5"})
@DirtiesContext
class ConsoleSeededIT extends EngineIntegration {

    static Browser browser;
    static boolean seeded;
    @Autowired
    JourneyCommands commands;

    @DynamicPropertySource
    static void storeOfItsOwn(DynamicPropertyRegistry registry) throws IOException {
        Path target = Files.createDirectories(Path.of("target"));
        // The stores of earlier runs, their servers gone (no postmaster.pid), are not kept.
        try (Stream<Path> earlier = Files.list(target)) {
            for (Path old : earlier.filter(path -> path.getFileName().toString().startsWith("console-seeded-postgres-"))
                    .filter(path -> !Files.exists(path.resolve("postmaster.pid"))).toList()) {
                FileSystemUtils.deleteRecursively(old);
            }
        }
        Path directory = Files.createTempDirectory(target, "console-seeded-postgres-");
        registry.add("journey.embedded-postgres.data-directory", directory::toString);
    }

    @BeforeAll
    static void openBrowser() {
        browser = Browser.start();
    }

    @AfterEach
    void noScriptError() {
        if (browser != null) {
            assertThat(browser.scriptErrors()).as("errors of the pages' scripts").isEmpty();
        }
    }

    @AfterAll
    static void closeBrowser() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void seed() {
        if (!seeded) {
            new JourneyGenerator(20261207L, JourneyGenerator.CommandSink.inProcess(commands)).run(120, 3000);
            seeded = true;
        }
    }

    void open(String page, String scope) {
        browser.driver().get("http://localhost:" + port + page + "#token="
                + Api.token("seeded-" + scope.substring("journey.".length()), "journey-console", List.of(scope)));
    }

    @Test
    @DisplayName("an operator rebuilds every projection after confirming, and the page shows its progress move to the end")
    void rebuildProgressMoves() {
        open("/console/operations", "journey.admin");
        browser.await().until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#projections tr[data-projection='customer-profile']")));
        browser.script("""
                window.progress = [];
                const progress = document.getElementById('rebuild-progress');
                const state = document.getElementById('rebuild-state');
                new MutationObserver(() => window.progress.push(state.dataset.state + ' ' + progress.textContent))
                    .observe(progress, {childList: true, characterData: true, subtree: true});""");

        browser.driver().findElement(By.cssSelector("#rebuild-section button")).click();
        browser.await().until(ExpectedConditions.alertIsPresent()).accept();
        browser.await().withTimeout(Duration.ofSeconds(120))
                .until(ExpectedConditions.attributeToBe(By.id("rebuild-state"), "data-state", "FINISHED"));

        @SuppressWarnings("unchecked")
        List<String> shown = (List<String>) browser.script("return window.progress");
        // The page showed the rebuild part-way (events read short of the target), then at its end.
        long target = StoredEvents.head(jdbc);
        List<Long> read = shown.stream().filter(line -> line.startsWith("READING"))
                .map(line -> Long.parseLong(line.split(" ")[1])).distinct().toList();
        assertThat(read).as("events read, as the page showed them while the rebuild read the store: " + shown)
                .isSorted().anyMatch(position -> position < target);
        assertThat(shown.get(shown.size() - 1)).startsWith("FINISHED").contains("(100");
        browser.screenshot("seeded-operations");
    }

    @Test
    @DisplayName("drawn from a year of seeded journeys: every analyst figure has groups to show, and each page is kept")
    void pagesOfSeededJourneys() {
        String customer = jdbc.sql("""
                        SELECT aggregate_identifier FROM domain_event_entry
                         GROUP BY aggregate_identifier ORDER BY count(*) DESC, aggregate_identifier LIMIT 1""")
                .query(String.class).single();
        long head = StoredEvents.head(jdbc);
        browser.await().withTimeout(Duration.ofSeconds(60)).until(driver ->
                api.get("/customers/" + customer + "/briefing?minPosition=" + head).status() == 200);

        open("/console/agent?customer=" + customer, "journey.agent");
        browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Live"));
        browser.screenshot("seeded-agent");

        open("/console/journey?customer=" + customer, "journey.agent");
        browser.await().until(driver -> Integer.parseInt(Objects.requireNonNullElse(
                driver.findElement(By.id("chart")).getDomAttribute("data-points"), "0")) > 10);
        browser.screenshot("seeded-journey");

        Api admin = Api.withScopes(port, "journey.admin");
        browser.await().withTimeout(Duration.ofSeconds(60)).until(driver ->
                admin.get("/admin/projections/analytics").json().get("position").asLong() >= head);
        open("/console/analytics", "journey.analyze");
        for (String figure : new String[]{"complaints", "handling", "standards", "moments", "reasons", "retention",
                "recovery", "conversations", "phrases", "consent", "iceberg"}) {
            browser.await().until(driver -> {
                String groups = driver.findElement(By.cssSelector("#" + figure + " .chart"))
                        .getDomAttribute("data-groups");
                return Integer.parseInt(Objects.requireNonNullElse(groups, "0")) > 0;
            });
        }
        browser.script("window.scrollTo(0, 0)");
        browser.screenshot("seeded-analytics");
        new Select(browser.driver().findElement(By.id("standards-by"))).selectByVisibleText("month");
        browser.await().until(driver -> driver.findElement(By.cssSelector("#standards table thead")).getText()
                .startsWith("Month"));
        browser.await().until(driver -> Integer.parseInt(Objects.requireNonNullElse(driver.findElement(
                By.cssSelector("#standards .chart")).getDomAttribute("data-groups"), "0")) > 1);
        assertThat(browser.script("""
                return echarts.getInstanceByDom(document.querySelector('#standards .chart')).getOption()
                    .series.every(series => series.type === 'line')""")).as("one line per standard").isEqualTo(true);

        complianceByVersionAndWhatIf();

        assertThat(browser.script("""
                const option = echarts.getInstanceByDom(document.querySelector('#reasons .chart')).getOption();
                const revealed = option.series.find(series => series.name === 'Revealed share');
                return revealed ? revealed.data.filter(value => value !== null && value > 0).length : -1"""))
                .as("reasons revealed by the histories are drawn next to the recorded and stated ones")
                .isEqualTo(revealedReasonsShown()).isNotEqualTo(0L);
        browser.script("document.getElementById('reasons').scrollIntoView()");
        browser.screenshot("seeded-analytics-reasons");
        // The iceberg draws estimates only: never a counted figure beside them in the chart.
        assertThat(browser.script("""
                return echarts.getInstanceByDom(document.querySelector('#iceberg .chart')).getOption().series
                    .map(series => series.name)""")).asList()
                .allSatisfy(name -> assertThat(String.valueOf(name)).startsWith("Estimated"));
        browser.script("document.getElementById('recovery').scrollIntoView()");
        browser.screenshot("seeded-analytics-recovery");
        browser.script("document.getElementById('iceberg').scrollIntoView()");
        browser.screenshot("seeded-analytics-iceberg");

        open("/console/lost-accounts", "journey.analyze");
        browser.await().until(driver -> driver.findElements(By.cssSelector("#losses tbody tr")).size() > 5);
        browser.screenshot("seeded-lost-accounts");
    }

    /**
     * Compliance per version of each standard, as the engine counts it; then a what-if over the seeded year, asked on
     * the page, its progress followed to the answer, which is the engine's answer to that run cell for cell.
     */
    void complianceByVersionAndWhatIf() {
        new Select(browser.driver().findElement(By.id("standards-by"))).selectByVisibleText("version");
        browser.await().ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(driver -> driver
                .findElement(By.cssSelector("#standards table thead")).getText().startsWith("Version"));
        var versions = api.get("/analytics/service-standards/versions").json().get("versions");
        var rows = browser.driver().findElements(By.cssSelector("#standards table tbody tr"));
        assertThat(rows).hasSize(versions.size());
        for (int i = 0; i < versions.size(); i++) {
            var version = versions.get(i);
            String row = rows.get(i).getText();
            assertThat(row).startsWith(version.get("standard").asText().toLowerCase().replace('_', ' ')
                    + (version.get("version").isNull() ? ", before the book" : " v" + version.get("version").asInt()));
            if (!version.get("version").isNull()) {
                assertThat(row).contains(version.get("recordedBy").asText()).contains(version.get("reason").asText());
            }
            if (version.get("suppressed").asBoolean()) {
                assertThat(row).contains("suppressed");
            } else {
                assertThat(row).containsPattern(" " + version.get("decided").asLong() + " "
                        + version.get("breached").asLong() + " " + version.get("missed").asLong() + "( |$)");
            }
        }
        assertThat(rows).as("the book's first versions, from the configuration, with clocks under them")
                .anyMatch(row -> row.getText().contains(" v1 ") && !row.getText().contains("suppressed"));
        browser.script("document.getElementById('standards').scrollIntoView()");
        browser.screenshot("seeded-analytics-versions");

        browser.driver().findElement(By.cssSelector("#what-if-ask summary")).click();
        browser.await().until(driver -> driver.findElements(By.cssSelector("#what-if-limits tbody tr")).size() > 3);
        String thisMonth = java.time.YearMonth.now(java.time.ZoneOffset.UTC).toString();
        String yearAgo = java.time.YearMonth.now(java.time.ZoneOffset.UTC).minusMonths(13).toString();
        assertThat(browser.driver().findElement(By.id("what-if-to")).getDomProperty("value")).isEqualTo(thisMonth);
        browser.script("document.getElementById('what-if-from').value = arguments[0]", yearAgo);
        // Half the e-mail limit in force, proposed in hours; the complaint's acknowledgement ticked as it is.
        var email = browser.driver().findElement(By.cssSelector("#what-if-limits tr[data-standard=EMAIL_RESPONSE]"));
        long emailInForce = java.time.Duration.parse(entry(api.get("/service-standards").json().get("standards"),
                "standard", "EMAIL_RESPONSE").get("withinInForce").asText()).getSeconds();
        long proposedEmail = Math.max(3600, emailInForce / 2 / 3600 * 3600);
        email.findElement(By.cssSelector("input.amount")).clear();
        email.findElement(By.cssSelector("input.amount")).sendKeys(String.valueOf(proposedEmail / 3600));
        new Select(email.findElement(By.cssSelector("select.unit"))).selectByVisibleText("h");
        assertThat(email.findElement(By.cssSelector("input.chosen")).isSelected()).as("a limit changed is proposed")
                .isTrue();
        browser.driver().findElement(By.cssSelector(
                "#what-if-limits tr[data-standard=COMPLAINT_ACKNOWLEDGEMENT] input.chosen")).click();
        browser.driver().findElement(By.cssSelector("#what-if-form button[type=submit]")).click();
        // The answer, or the problem the engine answered instead (which fails the test at once, saying it).
        browser.await().withTimeout(Duration.ofSeconds(60)).until(driver -> {
            assertThat(driver.findElement(By.id("status")).getText()).as("the page's status line").isEmpty();
            return !driver.findElements(By.cssSelector("#what-if .answer table tbody tr")).isEmpty();
        });
        assertThat(browser.driver().findElement(By.id("what-if-progress")).getText()).startsWith("Re-scored " + yearAgo
                + " up to " + thisMonth);

        String id = browser.driver().findElement(By.cssSelector("#what-if .answer")).getDomAttribute("data-run");
        var run = api.get("/analytics/what-if/" + id).json();
        assertThat(run.get("state").asText()).isEqualTo("DONE");
        assertThat(run.get("proposed").get("EMAIL_RESPONSE").asText())
                .isEqualTo(java.time.Duration.ofSeconds(proposedEmail).toString());
        assertThat(run.get("proposed").has("COMPLAINT_ACKNOWLEDGEMENT")).isTrue();
        var answers = browser.driver().findElements(By.cssSelector("#what-if .answer table tbody tr"));
        assertThat(answers).hasSize(run.get("standards").size()).hasSize(2);
        List<Object> actual = new java.util.ArrayList<>();
        List<Object> proposed = new java.util.ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            var rescored = run.get("standards").get(i);
            String row = answers.get(i).getText();
            assertThat(row).startsWith(rescored.get("standard").asText().toLowerCase().replace('_', ' '));
            if (rescored.get("suppressed").asBoolean()) {
                assertThat(row).contains("suppressed");
                continue;
            }
            for (String side : new String[]{"actual", "proposed"}) {
                var figures = rescored.get(side);
                assertThat(row).containsPattern(" " + figures.get("decided").asLong() + " "
                        + figures.get("missed").asLong() + "( |$)");
                (side.equals("actual") ? actual : proposed).add(figures.get("compliance").isNull() ? null
                        : figures.get("compliance").asDouble());
            }
        }
        // The chart draws the two compliances the engine answered, side by side (suppressed standards not drawn).
        Object drawn = browser.script("""
                return echarts.getInstanceByDom(document.querySelector('#what-if .answer .chart')).getOption().series
                    .map(series => series.data.map(value => value === null || value === undefined ? null : +value))""");
        assertThat(((List<?>) drawn).stream().map(series -> ((List<?>) series).stream()
                .map(value -> value == null ? null : (Object) ((Number) value).doubleValue()).toList()).toList())
                .isEqualTo(List.of(actual, proposed));
        assertThat(run.get("standards").findValues("suppressed")).as("the seeded year has clocks enough to show")
                .anyMatch(suppressed -> !suppressed.asBoolean());
        browser.script("document.getElementById('what-if').scrollIntoView()");
        browser.screenshot("seeded-analytics-what-if");
    }

    @Test
    @DisplayName("on a tablet (820 x 1180) every page fits its width: a wide table scrolls within itself")
    void tablet() {
        String customer = jdbc.sql("""
                        SELECT aggregate_identifier FROM domain_event_entry
                         WHERE payload_type LIKE '%CustomerRegistered' ORDER BY global_index LIMIT 1""")
                .query(String.class).single();
        browser.driver().manage().window().setSize(new Dimension(820, 1180));
        try {
            Map<String, String> pages = new LinkedHashMap<>();
            pages.put("/console/agent?customer=" + customer, "journey.agent");
            pages.put("/console/journey?customer=" + customer, "journey.agent");
            pages.put("/console/analytics", "journey.analyze");
            pages.put("/console/lost-accounts", "journey.analyze");
            pages.put("/console/audit?customer=" + customer, "journey.audit");
            pages.put("/console/operations", "journey.admin");
            pages.forEach((page, scope) -> {
                open(page, scope);
                browser.await().until(driver -> !driver.findElements(By.cssSelector("main table tbody tr")).isEmpty()
                        || !driver.findElements(By.cssSelector("main .card")).isEmpty());
                EngineProcess.sleep(Duration.ofSeconds(1)); // the rest of the page's answers drawn
                assertThat(browser.script("""
                        return document.documentElement.scrollWidth <= document.documentElement.clientWidth""")
                        ).as(page + " fits the tablet's width").isEqualTo(true);
                String name = page.substring("/console/".length()).replaceAll("\\?.*", "");
                browser.screenshot("tablet-" + name);
            });
        } finally {
            browser.driver().manage().window().setSize(new Dimension(1280, 1100));
        }
    }

    /** How many reasons the figure gives a revealed share above nought, as the API answers it. */
    private long revealedReasonsShown() {
        long shown = 0;
        for (var reason : api.get("/analytics/lost-account-reasons").json().get("reasons")) {
            if (!reason.get("suppressed").asBoolean() && reason.path("revealed").asLong() > 0) {
                shown++;
            }
        }
        return shown;
    }
}
