package io.cxengine.journey.customer;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field of an event that holds personal data (names, contact details, free text, attribute values): it is
 * stored encrypted with the customer's own key, and reads as {@value #ERASED} once the customer's personal data is
 * erased (crypto-shredding).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface PersonalData {

    /** What an erased field reads as. */
    String ERASED = "[erased]";

    /** What a view shows instead of a special-category attribute's value: it must never reach a view in the clear. */
    String WITHHELD = "(special category: withheld)";
}
