package io.cxengine.journey.customer.upcasting;

import io.cxengine.journey.customer.CustomerEvent.PurchaseRecorded;

/**
 * {@code PurchaseRecorded} revision 1 to 2: an order awaiting fulfilment names by when it must be filled
 * ({@code fulfilBy}). No order recorded before revision 2 started a fulfilment clock, and none starts one now under a
 * standard that was not in force: the field is null.
 */
public class PurchaseAwaitsFulfilment extends FieldsUnknownBefore {

    public PurchaseAwaitsFulfilment() {
        super(PurchaseRecorded.class, "1", "2", "fulfilBy");
    }
}
