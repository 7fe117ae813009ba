package io.whippet.bench;

/** One producer, consumer or producing consumer, run on a thread of its own. */
interface BenchActor {
    ActorResult run() throws Exception;
}
