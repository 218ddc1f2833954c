/**
 * Loading a CSV file of leads into a dataset through the public HTTP API, as the
 * {@code opendialler import} command does.
 */
package org.opendialler.ecnow.load;
