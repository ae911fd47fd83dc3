package io.cxengine.journey.launcher;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A customer's timeline and profile followed live, as Server-Sent Events. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LiveUpdatesIT extends EngineIntegration {


    @Test
    @DisplayName("a follower of the timeline and of the profile sees a new moment as it is recorded")
    void followLive() {
        Api api = new Api(port);
        String customer = UUID.randomUUID().toString();
        long position = api.post("/customers", """
                {"customerId": "%s", "name": "Radia Perlman", "identifiedVia": "IN_PERSON"}""".formatted(customer))
                .json().get("position").asLong();
        api.get("/customers/" + customer + "/profile?minPosition=" + position);

        List<String> timeline = follow("/customers/" + customer + "/timeline");
        List<String> profile = follow("/customers/" + customer + "/profile");
        await().atMost(Duration.ofSeconds(10)).until(() -> profile.stream().anyMatch(line -> line.startsWith("event:profile")));

        api.post("/customers/" + customer + "/touchpoints", """
                {"channel": "WEB_COMMUNITY", "direction": "INBOUND", "purpose": "forum question", "valence": "POSITIVE"}""");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(timeline).anyMatch(line -> line.startsWith("event:moment"));
            assertThat(timeline).anyMatch(line -> line.contains("forum question") && line.contains("WEB_COMMUNITY"));
            assertThat(profile).anyMatch(line -> line.startsWith("data:") && line.contains("\"total\":1"));
        });
    }

    private List<String> follow(String path) {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "text/event-stream").header("Authorization", new Api(port).authorization())
                .timeout(Duration.ofSeconds(30)).GET().build();
        CompletableFuture<HttpResponse<Stream<String>>> response = HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        response.thenAccept(answer -> CompletableFuture.runAsync(() -> {
            try {
                answer.body().forEach(lines::add);
            } catch (RuntimeException closed) {
                // The stream ends when the test does.
            }
        }));
        return lines;
    }
}
