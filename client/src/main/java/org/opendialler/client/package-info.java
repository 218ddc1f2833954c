/**
 * A Java client of the ContactNow API v2: for OpenDialler or for the hosted service. It gets and
 * renews tokens by itself, reads JSON or XML answers, and turns errors into
 * {@link org.opendialler.client.ContactNowException}. Start with
 * {@link org.opendialler.client.ContactNowClient#builder()}.
 */
package org.opendialler.client;
