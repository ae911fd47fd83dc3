/** What both sides stand on: Axon on PostgreSQL through JDBC, Jackson serializers and the embedded PostgreSQL default. */
package io.cxengine.journey.platform;
