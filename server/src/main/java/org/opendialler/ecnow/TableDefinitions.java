package org.opendialler.ecnow;

import java.util.List;
import java.util.Optional;
import org.opendialler.tenancy.Centre;

/**
 * What a record read needs to know of a centre at one definitions version: the centre, one of
 * its campaign tables (empty when there is no such table) and that table's fields, the standard
 * ones first. Immutable.
 */
record TableDefinitions(long version, Centre centre, Optional<CampaignTable> table,
        List<FieldDef> fields) {
}
