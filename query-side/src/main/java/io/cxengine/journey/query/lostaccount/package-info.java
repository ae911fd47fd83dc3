/** Lost accounts: who left and when, the reason they state next to the reasons their history reveals, and win-backs. */
package io.cxengine.journey.query.lostaccount;
