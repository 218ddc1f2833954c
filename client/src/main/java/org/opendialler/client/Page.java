package org.opendialler.client;

import java.util.List;
import java.util.Map;

/** One page of a read: {@code total} matches in all, and the rows of this page as text. */
public record Page(long total, List<Map<String, String>> rows) {
}
