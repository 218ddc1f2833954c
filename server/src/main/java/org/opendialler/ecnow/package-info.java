/**
 * {@code ecnow.php}: campaign tables and their fields, datasets, and the records that the dialler
 * calls. {@link org.opendialler.ecnow.EcnowScript} is the entry point; the stores under it keep
 * every query confined to the caller's contact centre.
 */
package org.opendialler.ecnow;
