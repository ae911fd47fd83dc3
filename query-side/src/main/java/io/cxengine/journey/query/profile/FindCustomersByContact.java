package io.cxengine.journey.query.profile;

/** Identify a caller or a web login by phone number or e-mail address, as automated caller ID does. */
record FindCustomersByContact(String email, String phone) {
}
