package io.cxengine.journey.customer.upcasting;

import io.cxengine.journey.customer.CustomerEvent.PurchaseRecorded;

/**
 * {@code PurchaseRecorded} revision 2 to 3: an order's fulfilment clock names the version of the service standards book it runs under
 * ({@code standardVersions}). Nothing recorded before revision 3 knew a version (the standards were configuration
 * then): the field is null, and analytics count such clocks under no version.
 */
public class PurchaseNamedItsStandardVersion extends FieldsUnknownBefore {

    public PurchaseNamedItsStandardVersion() {
        super(PurchaseRecorded.class, "2", "3", "standardVersions");
    }
}
