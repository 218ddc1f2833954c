/**
 * The dialler's core, independent of storage: agents as state machines, pacing and the abandon
 * meters, the claim order, and the {@link org.opendialler.dialler.Dialler} loop that claims
 * records through {@link org.opendialler.dialler.RecordClaims}, places calls through a
 * telephony port and hands each finished call to {@link org.opendialler.dialler.CallOutcomes}.
 * Everything runs on one {@link org.opendialler.telephony.Scheduler} thread. The integration
 * with the database is here too: {@link org.opendialler.dialler.SqlRecordClaims},
 * {@link org.opendialler.dialler.SqlCallOutcomes}, crash recovery, and the
 * {@link org.opendialler.dialler.DiallerEngine} service that the server runs.
 */
package org.opendialler.dialler;
