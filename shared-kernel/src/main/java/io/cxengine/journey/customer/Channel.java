package io.cxengine.journey.customer;

/** The medium of a contact. Contacts handled by an outsourced contact centre keep the channel they came through. */
public enum Channel {
    EMAIL(true), CHAT(true), WEB_COMMUNITY(true), WEB_SITE(true),
    PHONE(false), FAX(false), MAIL(false), FACE_TO_FACE(false), INTERACTIVE_TV(false);

    private final boolean online;

    Channel(boolean online) {
        this.online = online;
    }

    /** Online routes (e-mail, web, chat) as opposed to offline ones (telephone, fax, letters, in person, TV). */
    public boolean online() {
        return online;
    }
}
