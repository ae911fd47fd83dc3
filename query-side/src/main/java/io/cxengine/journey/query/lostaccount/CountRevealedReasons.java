package io.cxengine.journey.query.lostaccount;

/**
 * Asks how many losses have a history that reveals each reason of the reference distribution (the analysts' reasons
 * figure sets what customers state against what their histories show).
 */
public record CountRevealedReasons() {
}
