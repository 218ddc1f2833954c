package org.opendialler.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;

/** Draws progress bars on standard error, so standard output stays clean for data. */
final class StderrConsumer extends ConsoleProgressBarConsumer {
    StderrConsumer() {
        super(System.err);
    }
}
