package io.whippet.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything a run produced, ready to print or write: parameters, per-actor results, per-role
 * summaries, and a few facts about the machine and server.
 */
public record BenchReport(
        String uuid,
        String timestamp,
        BenchParams params,
        List<ActorResult> actors,
        List<GroupSummary> groups,
        Map<String, String> environment) {
    static List<GroupSummary> summarize(List<ActorResult> actors, long samplingMs) {
        List<GroupSummary> groups = new ArrayList<>();
        for (ActorRole role : ActorRole.values()) {
            List<ActorResult> ofRole =
                    actors.stream().filter(actor -> actor.role() == role).toList();
            if (!ofRole.isEmpty()) {
                groups.add(GroupSummary.of(role, ofRole, samplingMs));
            }
        }
        return groups;
    }
}
