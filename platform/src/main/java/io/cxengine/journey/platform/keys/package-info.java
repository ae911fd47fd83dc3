/** The engine's secrets that never live in the database: the key-encryption key and the token-signing key pair. */
package io.cxengine.journey.platform.keys;
