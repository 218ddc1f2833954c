/**
 * The compliance guard: whether the law and the queue's rules let a record be dialled now, on
 * which number, and if not, why and from when. The dialler asks it for every record it claims;
 * {@code ecnow_records} reads with {@code explain=1} show its verdicts.
 */
package org.opendialler.compliance;
