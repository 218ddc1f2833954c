package org.opendialler.client;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.LongFunction;

/**
 * Every row of a paged read, fetched a page at a time as the iterator advances. It stops on the
 * read's {@code total}, not on a short page, since a server may cap a page below the limit asked.
 */
final class Pages implements Iterator<Map<String, String>> {

    private final LongFunction<Page> fetchFrom;
    private List<Map<String, String>> page = List.of();
    private int index;
    private long next;
    private boolean done;

    /** @param fetchFrom reads the page that starts at the given 0-based row */
    Pages(LongFunction<Page> fetchFrom) {
        this.fetchFrom = fetchFrom;
    }

    @Override
    public boolean hasNext() {
        if (index < page.size()) {
            return true;
        }
        if (done) {
            return false;
        }
        Page read = fetchFrom.apply(next);
        page = read.rows();
        index = 0;
        next += page.size();
        done = page.isEmpty() || next >= read.total();
        return !page.isEmpty();
    }

    @Override
    public Map<String, String> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return page.get(index++);
    }
}
