package io.cxengine.journey.command.imports;

import io.cxengine.journey.platform.http.ProblemAdviceSupport;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import java.util.UUID;

/** No import of this id was begun by the caller's client: 404. */
class UnknownImport extends ErrorResponseException {

    UnknownImport(UUID importId) {
        super(HttpStatus.NOT_FOUND, ProblemAdviceSupport.problem(HttpStatus.NOT_FOUND, "unknown-import",
                "Unknown import", "No import %s was begun by this client".formatted(importId)), null);
    }
}
