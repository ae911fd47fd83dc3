package io.cxengine.journey.platform.accesslog;

import io.cxengine.journey.platform.http.DatabaseUnavailable;
import io.cxengine.journey.platform.correlation.CorrelationId;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Writes the entry of a logged read when its body is about to be written, where outcome and body are known: the
 * answer, or the problem of a refusal (404, 400). If the entry cannot be written, the body is replaced by a 503
 * problem, so no data leaves unlogged.
 */
@ControllerAdvice
class AccessLogAnswers implements ResponseBodyAdvice<Object> {

    private final AccessReads reads;

    AccessLogAnswers(AccessReads reads) {
        this.reads = reads;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        if (!(request instanceof ServletServerHttpRequest servlet) || !reads.pending(servlet.getServletRequest())) {
            return body;
        }
        HttpServletRequest read = servlet.getServletRequest();
        if (body instanceof ProblemDetail problem && problem.getType() != null
                && problem.getType().toString().endsWith("/" + DatabaseUnavailable.PROBLEM_TYPE)) {
            reads.settleUnanswered(read);
            return body;
        }
        int status = body instanceof ProblemDetail problem ? problem.getStatus()
                : response instanceof ServletServerHttpResponse answer ? answer.getServletResponse().getStatus() : 200;
        if (reads.write(read, status, status < 300 ? AccessReads.entries(body) : null)) {
            return body;
        }
        // Not even the headers of what is not sent, such as its version as ETag (set already by the ETag check).
        if (response instanceof ServletServerHttpResponse answer && !answer.getServletResponse().isCommitted()) {
            answer.getServletResponse().reset();
        }
        HttpHeaders headers = response.getHeaders();
        headers.clear();
        response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
        headers.set(CorrelationId.HEADER, CorrelationId.of(read));
        headers.set(HttpHeaders.RETRY_AFTER, reads.retryAfter(read));
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return reads.unavailable(read);
    }
}
