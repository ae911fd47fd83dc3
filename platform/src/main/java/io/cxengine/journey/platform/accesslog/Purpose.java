package io.cxengine.journey.platform.accesslog;

import java.util.regex.Pattern;

/** Why the reader reads, as the optional {@code X-Purpose} header states it: printable text of at most 200 characters. */
final class Purpose {

    static final String HEADER = "X-Purpose";
    static final int MAX_LENGTH = 200;
    // Any character but a control character: a purpose is prose ("complaint 4711, callback"), in any language.
    private static final Pattern PRINTABLE = Pattern.compile("\\P{Cc}{1," + MAX_LENGTH + "}");

    private Purpose() {
    }

    static boolean valid(String purpose) {
        return purpose == null || PRINTABLE.matcher(purpose).matches();
    }
}
