package io.cxengine.journey.customer.upcasting;

import io.cxengine.journey.customer.CustomerEvent.TouchpointRecorded;

/**
 * {@code TouchpointRecorded} revision 5 to 6: a contact's clocks name the version of the service standards book they run under
 * ({@code standardVersions}). Nothing recorded before revision 6 knew a version (the standards were configuration
 * then): the field is null, and analytics count such clocks under no version.
 */
public class TouchpointNamedItsStandardVersions extends FieldsUnknownBefore {

    public TouchpointNamedItsStandardVersions() {
        super(TouchpointRecorded.class, "5", "6", "standardVersions");
    }
}
