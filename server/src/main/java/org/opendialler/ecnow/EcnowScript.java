package org.opendialler.ecnow;

import java.time.Clock;
import java.util.EnumSet;
import org.opendialler.protocol.ApiRequest;
import org.opendialler.protocol.Format;
import org.opendialler.protocol.MethodScript;
import org.opendialler.store.Database;
import org.opendialler.tenancy.Tenancy;

/**
 * {@code ecnow.php}: campaign tables and fields, datasets and records. XML unless the request
 * asks otherwise; JSON, XML and CSV. Thread-safe.
 */
public final class EcnowScript extends MethodScript {

    /**
     * @param explainer answers {@code explain=1} on record reads; null ignores it
     * @param tokens checks the token of a read by id, sending the record's read with it
     */
    public EcnowScript(Database db, Tenancy tenancy, Clock clock, int readCap, Lookups lookups,
            DialExplainer explainer, TokenCheck tokens) {
        super("ecnow.php", Format.XML, EnumSet.allOf(Format.class), true);
        Tables tables = new Tables(db, clock);
        Datasets datasets = new Datasets(db, clock);
        Centres centres = new Centres(tenancy);
        TableMethods t = new TableMethods(db, tables);
        DatasetMethods d = new DatasetMethods(tables, datasets, lookups, centres);
        RecordWrites w = new RecordWrites(db, tables, datasets, lookups, centres, clock);
        RecordReads r = new RecordReads(db, new KeptDefinitions(tables), datasets, readCap,
                explainer, clock, tokens, campaignIsCentre());
        methods()
                .on("campaign_tables", "read", t::readTables)
                .on("campaign_tables", "create", t::createTables)
                .on("campaign_tables", "delete", t::deleteTables)
                .on("campaign_fields", "read", t::readFields)
                .on("campaign_fields", "create", t::createFields)
                .on("campaign_fields", "update", t::updateFields)
                .on("ecnow_datasets", "read", d::read)
                .on("ecnow_datasets", "create", d::create)
                .on("ecnow_datasets", "update", d::update)
                .on("ecnow_records", "read", r::read)
                .on("ecnow_records", "create", w::create)
                .on("ecnow_records", "update", w::update)
                .on("ecnow_records", "delete", w::delete);
    }

    /** A read by id alone checks its token with its record's read, in one round trip. */
    @Override
    public boolean checksTokenItself(ApiRequest request) {
        return RecordReads.sendsAlong(request);
    }
}
