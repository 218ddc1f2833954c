/**
 * Phone numbers: reading what people type into one E.164 form (libphonenumber), with the
 * contact centre's default country for national numbers, and masking them for logs.
 */
package org.opendialler.phone;
