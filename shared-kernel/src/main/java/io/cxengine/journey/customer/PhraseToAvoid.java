package io.cxengine.journey.customer;

/**
 * The seeds' major don'ts of customer service, each with what to say instead: a quality signal on agents' notes. The
 * engine counts them in a note when the contact is recorded and keeps only the counts.
 */
public enum PhraseToAvoid {
    I_DONT_KNOW("I don't know", "I'll find out"),
    NO("No", "What I can do is…"),
    NOT_MY_JOB("That's not my job", "This is who can help you…"),
    THIS_STINKS("You're right; this stinks", "I am sorry"),
    TALK_TO_MY_MANAGER("You need to talk to my manager", "I can help you"),
    BY_WHEN("You want it by when?", "I'll try my best"),
    CALM_DOWN("Calm down", "I understand your frustration"),
    BUSY_RIGHT_NOW("I'm busy right now", "I'll be with you in just a moment"),
    CALL_ME_BACK("Call me back", "I will call you back");

    private final String phrase;
    private final String instead;

    PhraseToAvoid(String phrase, String instead) {
        this.phrase = phrase;
        this.instead = instead;
    }

    /** The phrase, as the seeds write it. */
    public String phrase() {
        return phrase;
    }

    /** What to say instead. */
    public String instead() {
        return instead;
    }
}
