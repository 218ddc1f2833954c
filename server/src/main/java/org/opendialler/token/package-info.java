/**
 * {@code token.php}: tokens minted for API users, bound to the caller's address, kept only as
 * hashes, and checked on every call of every other script.
 */
package org.opendialler.token;
