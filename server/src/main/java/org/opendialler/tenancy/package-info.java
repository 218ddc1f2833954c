/**
 * Contact centres (the tenants) and the API users who belong to them. Every other area confines
 * its queries to the centre of the caller it is given.
 */
package org.opendialler.tenancy;
