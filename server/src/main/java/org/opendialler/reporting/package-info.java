/**
 * {@code reporting.php} and the call detail records it reads: {@link
 * org.opendialler.reporting.CdrStore} and {@link org.opendialler.reporting.AgentSessions} write
 * CDRs and agent sessions for the dialler; {@link org.opendialler.reporting.ReportingScript}
 * answers the {@code calls}, {@code cdr} and {@code agents} reports; {@link
 * org.opendialler.reporting.CdrLog} answers {@code database.php?method=cdr_log}.
 */
package org.opendialler.reporting;
