package io.cxengine.journey.query.profile;

import io.cxengine.journey.platform.pseudonym.Pseudonym;

/** Asks for the profile of the customer a pseudonym names, as analysts may read it. */
record FindPseudonymousProfile(Pseudonym pseudonym) {
}
