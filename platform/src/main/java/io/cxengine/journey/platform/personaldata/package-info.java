/**
 * Crypto-shredding: each customer's data key, stored wrapped, and the Jackson module that seals and opens personal
 * fields.
 */
package io.cxengine.journey.platform.personaldata;
