package io.cxengine.journey.query.http;

import io.cxengine.journey.platform.pseudonym.Pseudonym;

/** No read model knows the customer this pseudonym names; the answer names the pseudonym only, never an id. */
public class UnknownPseudonym extends RuntimeException {

    public UnknownPseudonym(Pseudonym pseudonym) {
        super("No customer %s is known".formatted(pseudonym));
    }
}
