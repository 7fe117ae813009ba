package io.whippet.connectors.runtime.transform;

import io.whippet.connectors.api.Payload;
import java.util.Optional;

/**
 * One step applied to each message's payload. An empty result filters the message out; an
 * exception drops that message only (the runtime counts it as an error).
 */
public sealed interface Transform permits AddFields, DeleteFields, UpdateFields, FilterFields, UnwrapEnvelope {
    Optional<Payload> apply(Payload payload);
}
