package io.cxengine.journey.query.operations;

import io.cxengine.journey.platform.http.ProblemAdviceSupport;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A rebuild is running on this instance: one at a time (409); follow it, and ask again once it has ended. */
class RebuildRunning extends ErrorResponseException {

    RebuildRunning(RebuildStatus running) {
        super(HttpStatus.CONFLICT, ProblemAdviceSupport.problem(HttpStatus.CONFLICT, "rebuild-running",
                "A rebuild is running", "The projections %s are being rebuilt (%s, %s%%); follow it at "
                        .formatted(running.projections(), running.state(), running.percentage())
                        + "/admin/projections/rebuild and ask again once it has ended"), null);
    }
}
