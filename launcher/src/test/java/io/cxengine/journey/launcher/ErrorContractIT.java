package io.cxengine.journey.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Errors keep the contract (shared/API.md): an unknown part of a customer is a 404, a value off its scale a 400 that
 * names the field, and even requests the servlet container or the firewall refuse before any controller runs are
 * answered with an RFC 9457 problem.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ErrorContractIT extends EngineIntegration {

    private static final ObjectMapper JSON = new ObjectMapper();

    String customer;

    @BeforeEach
    void newCustomer() {
        customer = api.registerCustomer("Edsger Dijkstra");
    }

    @Test
    @DisplayName("a complaint, follow-up or touchpoint the customer does not have is a 404 problem, and nothing is recorded")
    void unknownPartsAreNotFound() {
        String unknown = UUID.randomUUID().toString();
        String otherCustomer = UUID.randomUUID().toString();
        api.post("/customers", """
                {"customerId": "%s", "name": "Tony Hoare", "identifiedVia": "IN_PERSON"}""".formatted(otherCustomer));
        String othersComplaint = api.post("/customers/" + otherCustomer + "/complaints", """
                {"category": "BILLING_MISTAKE", "description": "Charged twice", "severity": "LOW"}""")
                .json().get("complaintId").asText();
        long before = events();

        notFound(post("/complaints/" + unknown + "/acknowledgement", "{}"), "unknown-complaint");
        notFound(post("/complaints/" + othersComplaint + "/resolution", """
                {"resolution": "refunded"}"""), "unknown-complaint");
        notFound(post("/follow-ups/" + unknown + "/completion", """
                {"outcome": "called back", "valence": "POSITIVE"}"""), "unknown-follow-up");
        notFound(post("/apologies", """
                {"complaintId": "%s", "reason": "MISTAKE", "by": "agent"}""".formatted(unknown)), "unknown-complaint");
        notFound(post("/apologies", """
                {"touchpointId": "%s", "reason": "WAIT", "by": "agent"}""".formatted(unknown)), "unknown-touchpoint");

        assertThat(events()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0} score {1} is a 400 naming the score")
    @CsvSource({"NPS, 11", "NPS, -1", "CSAT, 0", "CSAT, 6"})
    void scoreOffTheScale(String kind, int score) {
        long before = events();

        Api.Response response = post("/surveys", """
                {"kind": "%s", "score": %d}""".formatted(kind, score));

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().at("/errors/0/field").asText()).isEqualTo("score");
        assertThat(response.json().get("detail").asText()).contains(String.valueOf(score));
        assertThat(events()).isEqualTo(before);
    }

    @ParameterizedTest(name = "a name twice in {0} is a 400 problem, and nothing is recorded")
    @CsvSource(delimiter = '|', value = {
            "a nested object  | /purchases | {\"orderId\": \"D-1\", \"amount\": {\"amount\": \"12.5\", \"currency\": \"first\", \"currency\": \"EUR\"}}",
            "the body itself  | /purchases | {\"orderId\": \"D-2\", \"orderId\": \"D-3\", \"amount\": {\"amount\": \"12.5\", \"currency\": \"EUR\"}}",
            "a touchpoint     | /touchpoints | {\"channel\": \"PHONE\", \"channel\": \"EMAIL\", \"direction\": \"INBOUND\", \"purpose\": \"x\", \"valence\": \"NEUTRAL\"}"})
    void duplicateName(String where, String path, String body) {
        long before = events();

        Api.Response response = post(path, body);

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(events()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "an encoded NUL in the path                | /customers/%00/profile",
            "a bad escape                              | /customers/%zz/profile",
            "a lone percent sign                       | /customers/%",
            "an encoded slash                          | /customers/a%2Fb/profile",
            "an encoded backslash                      | /customers/a%5Cb/profile",
            "a double slash (the firewall)             | //customers/x/profile",
            "a path parameter (the firewall)           | /customers;x=1/00000000-0000-0000-0000-000000000000/profile",
            "an encoded percent sign (the firewall)    | /customers/%2500/profile",
    })
    void refusedBeforeAnyController(String what, String target) throws IOException {
        Raw response = raw("GET " + target + " HTTP/1.1\r\n", "");

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertProblem(response, 400);
    }

    @Test
    @DisplayName("a request header larger than the container takes is refused with a problem too")
    void oversizedHeader() throws IOException {
        Raw response = raw("GET /customers/" + customer + "/profile HTTP/1.1\r\n",
                "X-Padding: " + "a".repeat(20_000) + "\r\n");

        assertThat(response.status()).as(response.toString()).isIn(400, 431);
        assertProblem(response, response.status());
    }

    private static void assertProblem(Raw response, int status) throws IOException {
        assertThat(response.headers().get("content-type")).as(response.toString()).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("type").asText()).startsWith("https://cxengine.io/problems/");
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank();
    }

    private void notFound(Api.Response response, String type) {
        assertThat(response.status()).as(response.toString()).isEqualTo(404);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asText()).isEqualTo("https://cxengine.io/problems/" + type);
    }

    private Api.Response post(String path, String body) {
        return api.post("/customers/" + customer + path, body);
    }

    private long events() {
        return StoredEvents.total(jdbc);
    }

    private record Raw(int status, Map<String, String> headers, String body) {
    }

    /** Sends the request line and headers as written, past any client's own checks of the URI. */
    private Raw raw(String requestLine, String extraHeaders) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + "Host: localhost:" + port + "\r\nAuthorization: " + api.authorization()
                    + "\r\nAccept: application/json\r\n" + extraHeaders + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            try {
                in.transferTo(all);
            } catch (IOException reset) {
                // The container may close the connection right after its answer.
            }
            String text = all.toString(StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            assertThat(end).as("an HTTP answer, not: " + text).isPositive();
            String[] lines = text.substring(0, end).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            String body = text.substring(end + 4);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = unchunked(body);
            }
            return new Raw(Integer.parseInt(lines[0].split(" ")[1]), headers,
                    new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
        }
    }

    private static String unchunked(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
