package io.cxengine.journey.platform.correlation;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class CorrelationIdFilterTest {

    @Test
    @DisplayName("the request's correlation id is in the logging context while it runs, and gone after")
    void loggedWhileTheRequestRuns() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        assertThat(loggedWhileFiltering("call-42", response)).isEqualTo("call-42");
        assertThat(response.getHeader(CorrelationId.HEADER)).isEqualTo("call-42");
        assertThat(MDC.get(CorrelationIdFilter.LOGGED)).as("cleared after the request").isNull();
    }

    @Test
    @DisplayName("a correlation id that is not one printable token is replaced, in the logs too")
    void unprintableReplaced() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        assertThat(loggedWhileFiltering("forged\nline", response)).isNotBlank().doesNotContain("\n")
                .isEqualTo(response.getHeader(CorrelationId.HEADER));
    }

    /** Filters a request with this correlation id; answers what the logging context held while it ran. */
    private static String loggedWhileFiltering(String correlationId, MockHttpServletResponse response)
            throws Exception {
        AtomicReference<String> logged = new AtomicReference<>();
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/customers");
        request.addHeader(CorrelationId.HEADER, correlationId);
        new CorrelationIdFilter().doFilter(request, response, recording(logged));
        return logged.get();
    }

    /** A chain whose servlet notes the correlation id in the logging context as it runs. */
    private static MockFilterChain recording(AtomicReference<String> logged) {
        return new MockFilterChain(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) {
                logged.set(MDC.get(CorrelationIdFilter.LOGGED));
            }
        });
    }
}
