/**
 * {@code bin/whippet bench}: end-to-end throughput and latency benchmarks shaped like iggy-bench.
 * {@link io.whippet.bench.BenchMain} parses the command line into {@link
 * io.whippet.bench.BenchParams}; {@link io.whippet.bench.BenchRunner} prepares the streams, runs
 * one thread per actor and collects {@link io.whippet.bench.ActorResult}s; the reports (console,
 * {@code report.json}, {@code index.html}) are written from a {@link
 * io.whippet.bench.BenchReport}.
 */
@NullMarked
package io.whippet.bench;

import org.jspecify.annotations.NullMarked;
