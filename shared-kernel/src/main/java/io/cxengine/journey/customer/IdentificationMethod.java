package io.cxengine.journey.customer;

/** How the company first recognised the customer (IDIC's "identify"). */
public enum IdentificationMethod {
    /** Automated caller ID matched the phone number. */
    CALLER_ID,
    /** The customer registered on the web site. */
    WEB_REGISTRATION,
    /** The customer introduced themselves in person. */
    IN_PERSON,
    /** The customer came from another system's records. */
    IMPORT
}
