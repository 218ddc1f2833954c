/**
 * Benchmarks: each times a piece of OpenDialler against a baseline measured in the same run
 * and reports the ratio, which is what we track on shared machines. {@link
 * org.opendialler.bench.Bench} is the entry point (bench/run).
 */
package org.opendialler.bench;
