package io.cxengine.journey.launcher;

import io.cxengine.journey.benchmarks.JourneyGenerator;
import io.cxengine.journey.command.recording.JourneyCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator starts a rebuild of every projection from the console and watches its progress move. On an engine and
 * a PostgreSQL of its own (a data directory under {@code target/}): a rebuild reads the whole store, and the shared
 * test store holds events other tests corrupt on purpose.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "journey.embedded-postgres.ephemeral=false",
        "journey.embedded-postgres.data-directory=target/console-rebuild-postgres",
        "journey.rebuild.batch-size=5"})
@DirtiesContext
class ConsoleRebuildIT extends EngineIntegration {

    static Browser browser;
    @Autowired
    JourneyCommands commands;

    @BeforeAll
    static void openBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    static void closeBrowser() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @DisplayName("an operator rebuilds every projection after confirming, and the page shows its progress move to the end")
    void rebuildProgressMoves() {
        new JourneyGenerator(20261207L, JourneyGenerator.CommandSink.inProcess(commands)).run(80, 2500);
        String token = Api.token("operator-ops", "journey-console", List.of("journey.admin"));
        browser.driver().get("http://localhost:" + port + "/console/operations#token=" + token);
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
        List<Long> read = shown.stream().filter(line -> line.startsWith("READING"))
                .map(line -> Long.parseLong(line.split(" ")[1])).distinct().toList();
        assertThat(read).as("events read, as the page showed them while the rebuild read the store: " + shown)
                .hasSizeGreaterThanOrEqualTo(2).isSorted();
        assertThat(shown.get(shown.size() - 1)).startsWith("FINISHED").contains("(100");
        browser.screenshot("operations");
    }
}
