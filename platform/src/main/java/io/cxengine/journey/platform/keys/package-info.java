/**
 * The engine's secrets that never live in the database: the key-encryption key, its keys derived per purpose, and
 * the wrapping of each customer's data key with it.
 */
package io.cxengine.journey.platform.keys;
