package io.cxengine.journey.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import io.cxengine.journey.platform.embedded.EmbeddedPostgresServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a real browser (Debian's headless Chromium) against the engine on the embedded PostgreSQL: the pages
 * read the journey recorded over REST, with the signed-in caller's own token, and each page's screenshot is kept in
 * {@code target/console-screenshots}.
 */
class ConsoleIT extends EngineIntegration {

    static Browser browser;
    @Autowired
    EmbeddedPostgresServer postgres;

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

    /** Opens a page of the console signed in with a token of these scopes, handed over as the token command does. */
    void open(String page, String... scopes) {
        String token = Api.token("console-" + String.join("-", scopes), "journey-console", List.of(scopes));
        browser.driver().get("http://localhost:" + port + page + "#token=" + token);
    }

    String registerCaller(String name, String phone) {
        String customer = UUID.randomUUID().toString();
        assertThat(api.post("/customers", """
                {"customerId": "%s", "name": "%s", "phone": "%s", "identifiedVia": "CALLER_ID",
                 "consents": ["EMAIL"]}""".formatted(customer, name, phone)).status()).isEqualTo(201);
        return customer;
    }

    @Test
    @DisplayName("the console's pages hold no data: public, under a strict content security policy, and no token in them")
    void pagesArePublicAndLockedDown() {
        Api anonymous = Api.withAuthorization(port, null);
        for (String page : new String[]{"/console/", "/console/agent", "/console/journey", "/console/console.js"}) {
            Api.Response response = anonymous.get(page);
            assertThat(response.status()).as(page).isEqualTo(200);
            assertThat(response.header("Content-Security-Policy")).as(page)
                    .contains("script-src 'self'").contains("frame-ancestors 'none'");
        }
        assertThat(anonymous.get("/webjars/echarts/dist/echarts.min.js").status()).isEqualTo(200);
        assertThat(anonymous.post("/console/agent", "{}").status()).as("the console takes no writes").isEqualTo(403);
        assertThat(anonymous.get("/customers?phone=1").status()).as("the API still asks for a token").isEqualTo(401);
    }

    @Test
    @DisplayName("signed in, the start page lists only the pages the token's scopes allow")
    void signInShowsThePagesOfTheScopes() {
        browser.driver().get("http://localhost:" + port + "/console/");
        browser.script("sessionStorage.clear()"); // signed out: a token of an earlier test stays in the tab
        browser.driver().navigate().refresh();
        browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-form")));
        browser.screenshot("sign-in");
        browser.driver().findElement(By.id("token")).sendKeys(
                Api.token("agent-ada", "journey-console", List.of("journey.agent")));
        browser.driver().findElement(By.cssSelector("#sign-in-form button")).click();
        browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("pages")));
        assertThat(browser.driver().findElements(By.cssSelector("#pages a")).stream().map(WebElement::getText))
                .containsExactly("Agent", "Journey");

        open("/console/", "journey.analyze");
        browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("pages")));
        assertThat(browser.driver().findElements(By.cssSelector("#pages a")).stream().map(WebElement::getText))
                .containsExactly("Analytics", "Lost accounts");

        open("/console/", "journey.write");
        browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("pages")));
        assertThat(browser.driver().findElement(By.id("pages")).getText())
                .isEqualTo("No page of the console is for the scopes of this token.");
    }

    @Test
    @DisplayName("an agent looks the caller up by phone and the briefing updates live when a complaint is filed")
    void briefingUpdatesLive() {
        String customer = registerCaller("Grace Hopper", "+44 20 7946 0101");
        open("/console/agent", "journey.agent");
        browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("phone")))
                .sendKeys("+44 20 7946 0101");
        browser.driver().findElement(By.cssSelector("#lookup-form button")).click();
        browser.await().until(ExpectedConditions.textToBe(By.id("greeting"), "Grace"));
        browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Live"));
        assertThat(browser.driver().findElement(By.id("complaints")).getText()).contains("No open complaint");

        JsonNode filed = api.post("/customers/" + customer + "/complaints", """
                {"category": "BILLING_MISTAKE", "description": "charged twice", "severity": "HIGH"}""").json();
        String complaint = filed.get("complaintId").asText();

        browser.await().until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#complaints li[data-complaint='" + complaint + "']")));
        assertThat(browser.driver().findElement(By.id("complaints")).getText()).contains("billing mistake");
        assertThat(browser.driver().findElement(By.id("scenario")).getText()).isEqualTo("very angry");
        assertThat(browser.driver().findElement(By.id("routing")).getText()).startsWith("Priority 2");
        // The complaint turned the customer at risk, recorded with it: the agent sees it on the card.
        browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("risk"),
                "At risk since"));
        assertThat(browser.driver().findElement(By.id("risk")).getText()).endsWith("negative balance");
        browser.screenshot("agent");
    }

    @Test
    @DisplayName("a journey recorded over REST is the timeline chart's data, back-dated contacts marked as such")
    void journeyChart() {
        String customer = registerCaller("Katherine Johnson", "+44 20 7946 0102");
        Instant lastWeek = Instant.now().minus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        for (String body : new String[]{
                """
                {"channel": "PHONE", "direction": "INBOUND", "purpose": "a question", "valence": "POSITIVE",
                 "occurredAt": "%s"}""".formatted(lastWeek),
                """
                {"channel": "EMAIL", "direction": "INBOUND", "purpose": "a reminder", "valence": "NEGATIVE"}""",
                """
                {"channel": "EMAIL", "direction": "OUTBOUND", "purpose": "an answer", "valence": "NEUTRAL"}"""}) {
            assertThat(api.post("/customers/" + customer + "/touchpoints", body).status()).isEqualTo(201);
        }
        assertThat(api.post("/customers/" + customer + "/complaints", """
                {"category": "DELIVERY_DELAY", "description": "late", "severity": "LOW"}""").status()).isEqualTo(201);
        long head = StoredEvents.head(jdbc);
        int moments = api.get("/customers/" + customer + "/timeline?limit=100&minPosition=" + head).json()
                .get("moments").size();
        assertThat(moments).isEqualTo(4);

        open("/console/journey?customer=" + customer, "journey.agent");
        browser.await().until(ExpectedConditions.attributeToBe(By.id("chart"), "data-points", "4"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> points = (List<Map<String, Object>>) browser.script("""
                return echarts.getInstanceByDom(document.getElementById('chart')).getOption().series[0].data
                    .map(point => ({y: point.value[1], kind: point.kind, backdated: point.backdated}));""");
        assertThat(points).hasSize(4);
        assertThat(points).extracting(point -> ((Number) point.get("y")).intValue()).containsExactly(1, -1, 0, -1);
        assertThat(points).extracting(point -> point.get("kind"))
                .containsExactly("TOUCHPOINT", "TOUCHPOINT", "TOUCHPOINT", "COMPLAINT_FILED");
        assertThat(points).extracting(point -> point.get("backdated")).containsExactly(true, false, false, false);
        assertThat(browser.driver().findElements(By.cssSelector("#moments tbody tr"))).hasSize(4);
        assertThat(browser.driver().findElements(By.cssSelector("#moments td.backdated"))).hasSize(1);
        browser.screenshot("journey");
    }

    @Test
    @DisplayName("an analyst's pages show the figures and the lost accounts by pseudonym: no name, contact or customer id")
    void analystSeesNoPersonalData() {
        String canary = "Canary" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String customer = UUID.randomUUID().toString();
        assertThat(api.post("/customers", """
                {"customerId": "%s", "name": "%s Lovelace", "email": "%s@example.com", "phone": "+44 20 7946 0199",
                 "identifiedVia": "CALLER_ID"}""".formatted(customer, canary, canary.toLowerCase())).status())
                .isEqualTo(201);
        // Filed three days ago, its acknowledgement is overdue: a service-standard clock decided this month or the last.
        Instant threeDaysAgo = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        assertThat(api.post("/customers/" + customer + "/complaints", """
                {"category": "BILLING_MISTAKE", "description": "%s was charged twice", "severity": "HIGH",
                 "occurredAt": "%s"}""".formatted(canary, threeDaysAgo)).status()).isEqualTo(201);
        assertThat(api.post("/customers/" + customer + "/loss", """
                {"reason": "DISSATISFIED", "detail": "%s left for good"}""".formatted(canary)).status())
                .isEqualTo(200);
        long head = StoredEvents.head(jdbc);
        Api analyst = Api.withScopes(port, "journey.analyze");
        // The most recent loss comes first: this one, lost just now.
        String pseudonym = analyst.get("/lost-accounts?reason=DISSATISFIED&limit=1&minPosition=" + head).json()
                .findValuesAsText("pseudonym").get(0);

        Api admin = Api.withScopes(port, "journey.admin");
        browser.await().until(driver -> admin.get("/admin/projections/analytics").json().get("position").asLong() >= head);
        open("/console/analytics", "journey.analyze");
        browser.await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#retention table tbody tr")));
        browser.await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#reasons table tbody tr")));
        browser.await().until(driver -> driver.findElements(By.cssSelector("section.figure a.csv")).size() == 11);
        assertThat(browser.driver().findElement(By.id("reasons")).getText()).contains("dissatisfied");
        new Select(browser.driver().findElement(By.id("standards-by"))).selectByVisibleText("month");
        browser.await().until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#standards table thead"), "Month"));
        String dueMonth = java.time.YearMonth.from(threeDaysAgo.plus(java.time.Duration.ofHours(24))
                .atZone(java.time.ZoneOffset.UTC)).toString();
        assertThat(browser.driver().findElement(By.cssSelector("#standards table tbody")).getText())
                .as("the complaint's acknowledgement clock, by the month it was due").contains(dueMonth);
        String analytics = browser.driver().getPageSource();
        browser.screenshot("analytics");

        open("/console/lost-accounts", "journey.analyze");
        browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("losses"), pseudonym));
        String lost = browser.driver().getPageSource();
        browser.screenshot("lost-accounts");
        for (String page : new String[]{analytics, lost}) {
            assertThat(page).doesNotContain(canary).doesNotContain(canary.toLowerCase()).doesNotContain(customer)
                    .doesNotContain("7946 0199");
        }
    }

    @Test
    @DisplayName("an auditor steps through a history in time, and verify names the event whose stored byte was flipped")
    void auditorVerifiesTheHistory() {
        String customer = registerCaller("Hedy Lamarr", "+44 20 7946 0104");
        Instant lastWeek = Instant.now().minus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        for (String body : new String[]{
                """
                {"channel": "PHONE", "direction": "INBOUND", "purpose": "a question", "valence": "POSITIVE",
                 "occurredAt": "%s"}""".formatted(lastWeek),
                """
                {"channel": "EMAIL", "direction": "INBOUND", "purpose": "a reminder", "valence": "NEGATIVE"}""",
                """
                {"channel": "EMAIL", "direction": "OUTBOUND", "purpose": "an answer", "valence": "NEUTRAL"}"""}) {
            assertThat(api.post("/customers/" + customer + "/touchpoints", body).status()).isEqualTo(201);
        }
        open("/console/audit", "journey.audit");
        browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("customer"))).sendKeys(customer);
        browser.driver().findElement(By.id("purpose")).sendKeys("console audit test");
        browser.driver().findElement(By.cssSelector("#customer-form button")).click();
        int events = (int) StoredEvents.count(jdbc, customer);
        browser.await().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#history tbody tr"), events));
        browser.await().until(ExpectedConditions.attributeToBe(By.id("state"), "data-events", String.valueOf(events)));
        WebElement registered = browser.driver().findElement(By.cssSelector("#history tr[data-sequence='0']"));
        assertThat(registered.getText()).contains("CustomerRegistered").contains("test-system").contains("/name");
        assertThat(browser.driver().findElements(By.cssSelector("#history td.backdated")))
                .as("the back-dated touchpoint is marked").hasSize(1);
        String backdated = browser.driver().findElement(By.xpath("//td[contains(@class,'backdated')]/.."))
                .getAttribute("data-sequence");
        long firstRecorded = jdbc.sql("""
                        SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = :c AND time_stamp =
                               (SELECT min(time_stamp) FROM domain_event_entry WHERE aggregate_identifier = :c)""")
                .param("c", customer).query(Long.class).single();

        // As happened by last week: only the back-dated touchpoint; as recorded by the registration: only that.
        browser.driver().findElement(By.id("happened-by")).sendKeys(Keys.HOME);
        browser.await().until(ExpectedConditions.attributeToBe(By.id("state"), "data-events", "1"));
        assertThat(browser.driver().findElements(By.cssSelector("#history tr.not-folded"))).hasSize(events - 1);
        assertThat(browser.driver().findElement(By.cssSelector("#history tr[data-sequence='" + backdated + "']"))
                .getAttribute("class")).doesNotContain("not-folded");
        browser.driver().findElement(By.id("happened-by")).sendKeys(Keys.END);
        browser.driver().findElement(By.id("recorded-by")).sendKeys(Keys.HOME);
        // Both bounds at their first step fold one event: the rows folded tell the answers apart.
        browser.await().until(ExpectedConditions.and(
                ExpectedConditions.attributeToBe(By.id("state"), "data-events", String.valueOf(firstRecorded)),
                ExpectedConditions.not(ExpectedConditions.attributeContains(
                        By.cssSelector("#history tr[data-sequence='0']"), "class", "not-folded"))));
        browser.driver().findElement(By.id("recorded-by")).sendKeys(Keys.END);
        browser.await().until(ExpectedConditions.attributeToBe(By.id("state"), "data-events", String.valueOf(events)));

        browser.driver().findElement(By.id("export")).click();
        browser.await().until(ExpectedConditions.attributeToBe(By.id("exported"), "data-lines", String.valueOf(events)));
        browser.driver().findElement(By.id("verify")).click();
        browser.await().until(ExpectedConditions.attributeToBe(By.id("verification"), "data-verified", "true"));

        String altered = jdbc.sql("""
                        SELECT event_identifier FROM domain_event_entry
                         WHERE aggregate_identifier = :c AND sequence_number = 2""")
                .param("c", customer).query(String.class).single();
        JdbcClient owner = SchemaOwner.sql(postgres);
        String flip = "UPDATE domain_event_entry SET payload = set_byte(payload, 20, get_byte(payload, 20) # 1) "
                + "WHERE event_identifier = :e";
        owner.sql(flip).param("e", altered).update();
        try {
            browser.driver().findElement(By.id("verify")).click();
            browser.await().until(ExpectedConditions.attributeToBe(By.id("verification"), "data-broken-event", altered));
            assertThat(browser.driver().findElement(By.id("verification")).getText())
                    .contains("Broken at event #2").contains("event altered").contains(altered);
            assertThat(browser.driver().findElement(By.cssSelector("#history tr[data-sequence='2']"))
                    .getAttribute("class")).contains("broken");
            browser.driver().findElement(By.id("reload-log")).click();
            browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("access-log"), "verify"));
            assertThat(browser.driver().findElement(By.id("access-log")).getText())
                    .contains("console audit test").contains("console-journey.audit");
            browser.script("window.scrollTo(0, 0)");
            browser.screenshot("audit");
        } finally {
            owner.sql(flip).param("e", altered).update(); // the shared store's history intact again for other tests
        }
    }

    @Test
    @DisplayName("the privacy officer erases a customer's personal data after typing the id twice, once")
    void privacyOfficerErases() {
        String customer = registerCaller("Mary Jackson", "+44 20 7946 0105");
        open("/console/erasure", "journey.erase");
        browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("customer"))).sendKeys(customer);
        browser.driver().findElement(By.id("confirmation")).sendKeys(UUID.randomUUID().toString());
        browser.driver().findElement(By.cssSelector("#erase-form button")).click();
        browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "differ"));
        assertThat(StoredEvents.types(jdbc, customer)).doesNotContain("PersonalDataErased");

        browser.driver().findElement(By.id("confirmation")).clear();
        browser.driver().findElement(By.id("confirmation")).sendKeys(customer);
        browser.driver().findElement(By.cssSelector("#erase-form button")).click();
        browser.await().until(ExpectedConditions.attributeToBe(By.id("receipt"), "data-customer", customer));
        browser.screenshot("erasure");
        assertThat(StoredEvents.types(jdbc, customer)).filteredOn("PersonalDataErased"::equals).hasSize(1);
        assertThat(api.get("/customers/" + customer + "/profile?minPosition=" + StoredEvents.head(jdbc)).json()
                .get("name").asText()).isEqualTo("[erased]");

        // Another customer unknown to the engine: the API's problem, in the page's words.
        browser.driver().findElement(By.id("customer")).sendKeys(UUID.randomUUID().toString());
        String unknown = browser.driver().findElement(By.id("customer")).getAttribute("value");
        browser.driver().findElement(By.id("confirmation")).sendKeys(unknown);
        browser.driver().findElement(By.cssSelector("#erase-form button")).click();
        browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"),
                "Unknown customer: No customer " + unknown + " is registered"));
    }

    /*
     * A rebuild is not started here: it would read the whole shared store again, including the events other tests
     * corrupt on purpose, and park them anew beside those tests. ConsoleRebuildIT watches one on an engine of its own.
     */
    @Test
    @DisplayName("an operator sees every projection at the head, and a rebuild not confirmed is not started")
    void operationsAskBeforeActing() {
        registerCaller("Frances Allen", "+44 20 7946 0103");
        long head = StoredEvents.head(jdbc);
        Api admin = Api.withScopes(port, "journey.admin");
        Api.Response before = admin.get("/admin/projections/rebuild");
        open("/console/operations", "journey.admin");
        for (String projection : new String[]{"customer-profile", "moment-of-truth", "lost-account", "agent-briefing",
                "analytics"}) {
            browser.await().until(driver -> driver.findElements(By.cssSelector(
                    "#projections tr[data-projection='" + projection + "'] td")).stream().findFirst().isPresent()
                    && admin.get("/admin/projections/" + projection).json().get("position").asLong() >= head);
        }
        browser.await().until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#projections tr[data-projection='customer-profile']"), "100"));
        browser.driver().findElement(By.cssSelector("#rebuild-section button")).click();
        browser.await().until(ExpectedConditions.alertIsPresent()).dismiss();

        // Keyboard: focus stays on a row's button through the page's refreshes, and Enter asks before it acts.
        browser.script("document.querySelector(\"#projections tr[data-projection='moment-of-truth'] button\").focus()");
        EngineProcess.sleep(Duration.ofMillis(2500)); // two refreshes of the table
        assertThat(browser.script("""
                const focused = document.activeElement;
                return focused.tagName + ' ' + focused.textContent + ' '
                    + (focused.closest('tr') ? focused.closest('tr').dataset.projection : '-')""")).as("focus kept")
                .isEqualTo("BUTTON Rebuild moment-of-truth");
        browser.driver().switchTo().activeElement().sendKeys(Keys.ENTER);
        assertThat(browser.await().until(ExpectedConditions.alertIsPresent()).getText())
                .isEqualTo("Rebuild moment-of-truth from the first event?");
        browser.driver().switchTo().alert().dismiss();
        Api.Response after = admin.get("/admin/projections/rebuild");
        assertThat(after.status()).as("no rebuild started").isEqualTo(before.status());
        assertThat(after.body()).as("no rebuild started").isEqualTo(before.body());
    }

    @Test
    @DisplayName("a page the token's scopes do not allow says so and calls nothing")
    void pageOutsideTheScopes() {
        open("/console/agent", "journey.analyze");
        browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"),
                "This page needs one of: journey.agent."));
        assertThat(browser.driver().findElement(By.id("lookup")).isDisplayed()).isFalse();
    }
}
