package io.cxengine.journey.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With an identity provider, people sign in to the console through its login: the authorization-code flow with PKCE
 * for the console's public client, in a real browser, and the engine trusts only that provider's tokens.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class ConsoleSignInIT {

    static final IdentityProvider provider = IdentityProvider.start();
    static Browser browser;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void trustTheProvider(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", provider::issuer);
    }

    @BeforeAll
    static void openBrowser() {
        browser = Browser.start();
    }

    @BeforeEach
    void registerTheConsole() {
        provider.register("journey-console", "http://localhost:" + port + "/console/");
    }

    @AfterEach
    void noScriptError() {
        if (browser != null) {
            assertThat(browser.scriptErrors()).as("errors of the pages' scripts").isEmpty();
        }
    }

    @AfterAll
    static void close() throws Exception {
        provider.close();
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @DisplayName("an auditor signs in through the provider's login as the role chosen, and reads a history with its token")
    void signInThroughTheIdentityProvider() {
        Api system = Api.withAuthorization(port, "Bearer " + provider.token("crm", "contact-centre", "journey.write"));
        String customer = UUID.randomUUID().toString();
        Api.Response registered = system.post("/customers", """
                {"customerId": "%s", "name": "Ada Lovelace", "identifiedVia": "WEB_REGISTRATION"}""".formatted(customer));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        Api.Response page = Api.withAuthorization(port, null).get("/console/");
        assertThat(page.header("Content-Security-Policy")).as("the page may exchange its code at the provider")
                .contains("connect-src 'self' " + provider.issuer() + ";");

        browser.driver().get("http://localhost:" + port + "/console/");
        browser.script("sessionStorage.clear()");
        browser.driver().navigate().refresh();
        browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("provider-sign-in")));
        new Select(browser.driver().findElement(By.id("role"))).selectByValue("journey.audit");
        browser.screenshot("sign-in-identity-provider");
        browser.driver().findElement(By.cssSelector("#provider-form button")).click();

        browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys("ada.auditor");
        assertThat(browser.driver().getCurrentUrl()).startsWith(provider.issuer() + "/authorize?");
        browser.driver().findElement(By.id("login")).click();

        browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("pages")));
        assertThat(browser.driver().findElements(By.cssSelector("#pages a")).stream().map(WebElement::getText))
                .containsExactly("Audit");
        assertThat(browser.driver().findElement(By.id("navigation")).getText()).contains("ada.auditor · journey.audit");
        assertThat(browser.driver().getCurrentUrl()).as("the code is taken out of the address")
                .isEqualTo("http://localhost:" + port + "/console/");
        assertThat(provider.refusals).isEmpty();

        browser.driver().findElement(By.linkText("Audit")).click();
        browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("customer"))).sendKeys(customer);
        browser.driver().findElement(By.cssSelector("#customer-form button")).click();
        browser.await().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#history tbody tr"), 1));
        browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("access-log"), "ada.auditor"));
        JsonNode log = Api.withAuthorization(port, "Bearer " + provider.token("auditor-tool", "audit-tool",
                "journey.audit")).get("/access-log?customerId=" + customer).json();
        assertThat(log.findValuesAsText("subject")).contains("ada.auditor");
        assertThat(log.findValuesAsText("client")).contains("journey-console");

        assertThat(Api.withScopes(port, "journey.audit").get("/customers/" + customer + "/history").status())
                .as("the engine's own key signs nothing the engine trusts once a provider is set").isEqualTo(401);
    }

    @Test
    @DisplayName("a sign-in answer this tab did not ask for is refused, its error unshown and its code never exchanged")
    void forgedAnswerIsRefused() {
        browser.driver().get("http://localhost:" + port + "/console/");
        browser.script("sessionStorage.clear()");
        browser.driver().get("http://localhost:" + port + "/console/?code=stolen&state=forged");
        browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"),
                "This sign-in was not started from this tab"));
        assertThat(browser.script("return sessionStorage.getItem('journey.console.token')")).isNull();
        assertThat(browser.driver().findElement(By.id("provider-sign-in")).isDisplayed()).isTrue();

        // A sign-in under way in this tab, answered with another state: refused, and nothing of it shown.
        browser.driver().navigate().refresh();
        browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("provider-sign-in")));
        browser.driver().findElement(By.cssSelector("#provider-form button")).click();
        browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        browser.driver().get("http://localhost:" + port
                + "/console/?code=stolen&state=other&error=access_denied&error_description=Call+0800+now");
        browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"),
                "This sign-in was not started from this tab"));
        assertThat(browser.driver().findElement(By.id("status")).getText()).doesNotContain("0800");
        assertThat(provider.exchanges).as("no code exchanged").doesNotContain("stolen");
        assertThat(browser.script("return sessionStorage.getItem('journey.console.token')")).isNull();
    }

    @Test
    @DisplayName("a provider's token handed over in the address signs nobody in: a link cannot make you someone else")
    void providerTokenInTheAddressIsRefused() {
        browser.driver().get("http://localhost:" + port + "/console/");
        browser.script("sessionStorage.clear()");
        String someoneElse = provider.token("mallory", "journey-console", "journey.audit");
        browser.driver().get("http://localhost:" + port + "/console/audit#token=" + someoneElse);
        browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"),
                "A token in the address is taken only from the engine's own token command"));
        assertThat(browser.script("return sessionStorage.getItem('journey.console.token')")).isNull();
        assertThat(browser.driver().getCurrentUrl()).doesNotContain(someoneElse);
    }
}
