/**
 * {@code database.php}: the configuration of a contact centre (outcome codes, queues, agents,
 * teams, priorities, campaigns, DDIs, time-of-day policies, the DNC list, audio files and the
 * agent status log), and small lookups other areas call with a ccid ({@link
 * org.opendialler.database.Outcomes}, {@link org.opendialler.database.Agents}, {@link
 * org.opendialler.database.Queues}, {@link org.opendialler.database.DncList}).
 */
package org.opendialler.database;
