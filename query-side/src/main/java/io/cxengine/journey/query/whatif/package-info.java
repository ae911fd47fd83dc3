/**
 * What if: a past period re-scored under proposed service standards, by replaying the store into a throwaway fold that
 * touches no view, next to the figures as they were.
 */
package io.cxengine.journey.query.whatif;
