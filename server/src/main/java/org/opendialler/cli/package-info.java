/**
 * The {@code opendialler} command line (picocli): {@code serve}, {@code centre}, {@code user}.
 * Every option can also be set by an environment variable named in its help.
 */
package org.opendialler.cli;
