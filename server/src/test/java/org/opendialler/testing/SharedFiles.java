package org.opendialler.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files of {@code shared/}, which lies beside the repository (as it does for developers and
 * CI): found by walking up from the working directory.
 */
public final class SharedFiles {

    private SharedFiles() {
    }

    /** The messy lead file people outside the code made. */
    public static Path leadsSample() {
        return find("shared/data/leads-sample.csv");
    }

    static Path find(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(relative + " not found beside the repository");
    }
}
