package io.cxengine.journey.platform.http;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Problems for requests that never reached a controller of either side: an unknown path (404), a method the path does
 * not take (405), a body that is not JSON (415). Each side's own advice comes first for its controllers.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class FallbackProblemAdvice extends ProblemAdviceSupport {
}
