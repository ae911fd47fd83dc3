package io.cxengine.journey.command.imports;

import io.cxengine.journey.platform.http.ProblemAdviceSupport;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * An import that cannot go on as asked. Whatever batches the request committed before stay recorded and marked done
 * (only a broken-off body can come after any); answered as its problem by the command side's problem advice (Spring
 * maps every {@link ErrorResponseException} to the problem it carries).
 */
class ImportConflict extends ErrorResponseException {

    private ImportConflict(HttpStatus status, String type, String title, String detail) {
        super(status, ProblemAdviceSupport.problem(status, type, title, detail), null);
    }

    /** The id names another client's import: 409. */
    static ImportConflict idTaken(Object importId) {
        return new ImportConflict(HttpStatus.CONFLICT, "import-id-taken", "Import id in use",
                "Import %s belongs to another client; choose another Import-Id".formatted(importId));
    }

    /** Another request is importing into this import now: 409; send again once it has ended. */
    static ImportConflict running(Object importId) {
        return new ImportConflict(HttpStatus.CONFLICT, "import-running", "The import is running",
                "Another request is importing into %s now; follow it at /imports/%s and resume once it has ended"
                        .formatted(importId, importId));
    }

    /** The lines sent again differ from the lines done under this id: 422. */
    static ImportConflict fileChanged(Object importId, long lines) {
        return new ImportConflict(HttpStatus.UNPROCESSABLE_ENTITY, "import-file-changed",
                "Not the file of this import", ("The first %d lines sent differ from the %d lines import %s has "
                        + "done; resume an import with the same file, or begin another with a new Import-Id")
                        .formatted(lines, lines, importId));
    }

    /** A finished import sent again with more lines than it did: 422. */
    static ImportConflict fileLonger(Object importId, long lines) {
        return new ImportConflict(HttpStatus.UNPROCESSABLE_ENTITY, "import-file-changed",
                "Not the file of this import", ("Import %s finished with %d lines, and the body has more; begin "
                        + "another import with a new Import-Id for the lines after them").formatted(importId, lines));
    }

    /** As many imports as this engine process runs at once are running: 429, try again later. */
    static ImportConflict busy(int running) {
        ImportConflict busy = new ImportConflict(HttpStatus.TOO_MANY_REQUESTS, "imports-busy", "Too many imports",
                ("This engine process is running %d imports, as many as it runs at once "
                        + "(journey.imports.max-running); send it again later").formatted(running));
        busy.getHeaders().set("Retry-After", "10");
        return busy;
    }

    /** The stream ended before the lines done under this id: 422. */
    static ImportConflict fileShorter(Object importId, long sent, long done) {
        return new ImportConflict(HttpStatus.UNPROCESSABLE_ENTITY, "import-file-changed",
                "Not the file of this import", ("The body has %d lines, but import %s has done %d already; resume "
                        + "an import with the same file").formatted(sent, importId, done));
    }

    /** The body broke off before its end (the client died or gave up): 400; the lines done stay done. */
    static ImportConflict brokenOff(Object importId, long linesDone) {
        return new ImportConflict(HttpStatus.BAD_REQUEST, "import-broken-off", "The body broke off",
                ("The request's body ended before its end; import %s has %d lines done. Send the same file again "
                        + "with the same Import-Id to resume").formatted(importId, linesDone));
    }
}
