package io.cxengine.journey.customer.upcasting;

import io.cxengine.journey.customer.CustomerEvent.ComplaintFiled;

/**
 * {@code ComplaintFiled} revision 1 to 2: a complaint's acknowledgement clock names the version of the service standards book it runs under
 * ({@code standardVersions}). Nothing recorded before revision 2 knew a version (the standards were configuration
 * then): the field is null, and analytics count such clocks under no version.
 */
public class ComplaintNamedItsStandardVersion extends FieldsUnknownBefore {

    public ComplaintNamedItsStandardVersion() {
        super(ComplaintFiled.class, "1", "2", "standardVersions");
    }
}
