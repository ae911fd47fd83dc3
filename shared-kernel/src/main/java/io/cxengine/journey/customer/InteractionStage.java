package io.cxengine.journey.customer;

/** The stages of one conversation, the customer interaction cycle. */
public enum InteractionStage {
    GREETING, UNDERSTANDING, AGREEING, DELIVERING, CLOSING
}
