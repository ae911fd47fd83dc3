/** Who may do what: bearer tokens, the scopes of each operation, and the refusals as problems. */
package io.cxengine.journey.platform.security;
