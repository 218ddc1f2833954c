/**
 * The telephony port: how the dialler originates calls, connects them to agents and learns what
 * happened, behind one interface that a simulated carrier implements by default and a PBX
 * adapter (such as Asterisk ARI) can implement instead. Also the discrete-event scheduler that
 * every timed part of the dialler runs on, so that tests move virtual time instead of sleeping.
 */
package org.opendialler.telephony;
