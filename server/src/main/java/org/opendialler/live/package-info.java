/**
 * Live statistics and the scripts agents and web sites use while calls happen: ajax.php, the
 * wallboard page, agent.php, click2dial.php and recording.php. {@link
 * org.opendialler.live.LiveBoard} is what the running dialler shows them.
 */
package org.opendialler.live;
