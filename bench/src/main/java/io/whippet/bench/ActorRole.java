package io.whippet.bench;

/** What an actor does; results are grouped by role. */
public enum ActorRole {
    PRODUCER("Producers"),
    CONSUMER("Consumers"),
    PRODUCING_CONSUMER("Producing consumers");

    private final String title;

    ActorRole(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
