/**
 * The wire protocol that every script shares: how parameters and bodies are read, which format
 * an answer takes, and how answers and errors are wrapped in the JSON, XML and CSV envelopes.
 * Scripts never touch HTTP directly; they take an {@link org.opendialler.protocol.ApiRequest}
 * and return an {@link org.opendialler.protocol.Answer}.
 */
package org.opendialler.protocol;
