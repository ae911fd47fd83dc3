package io.cxengine.journey.platform.accesslog;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodReturnValueHandler;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.util.List;

/**
 * Writes the entry of a logged read that streams (an NDJSON export, Server-Sent Events) before the stream starts:
 * with the count a {@link Counted} stream knows in advance, and none for a live stream, whose content is not known when
 * it opens. If the entry cannot be written, the stream never starts and the answer is a 503 problem.
 */
final class AccessLoggedStreams implements HandlerMethodReturnValueHandler {

    private final List<HandlerMethodReturnValueHandler> handlers;
    private final AccessReads reads;

    AccessLoggedStreams(List<HandlerMethodReturnValueHandler> handlers, AccessReads reads) {
        this.handlers = List.copyOf(handlers);
        this.reads = reads;
    }

    @Override
    public boolean supportsReturnType(MethodParameter returnType) {
        if (!returnType.hasMethodAnnotation(AccessLogged.class)) {
            return false;
        }
        Class<?> type = returnType.getParameterType();
        if (ResponseEntity.class.isAssignableFrom(type)) {
            type = ResolvableType.forMethodParameter(returnType).getGeneric().resolve(Object.class);
        }
        return ResponseBodyEmitter.class.isAssignableFrom(type) || StreamingResponseBody.class.isAssignableFrom(type);
    }

    @Override
    public void handleReturnValue(Object returnValue, MethodParameter returnType, ModelAndViewContainer container,
                                  NativeWebRequest webRequest) throws Exception {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        Object body = returnValue instanceof ResponseEntity<?> entity ? entity.getBody() : returnValue;
        int status = returnValue instanceof ResponseEntity<?> entity ? entity.getStatusCode().value() : 200;
        if (request == null || reads.write(request, status, AccessReads.entries(body))) {
            handlers.stream().filter(handler -> handler.supportsReturnType(returnType)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No handler for " + returnType))
                    .handleReturnValue(returnValue, returnType, container, webRequest);
            return;
        }
        if (body instanceof ResponseBodyEmitter emitter) {
            emitter.complete(); // Whatever it buffered is dropped; its subscription ends at its next update.
        }
        reads.unavailable(request, webRequest.getNativeResponse(HttpServletResponse.class));
        container.setRequestHandled(true);
    }
}
