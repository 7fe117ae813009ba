package io.whippet.it;

import static io.whippet.it.ServerErrors.assertUnauthenticated;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.apache.iggy.client.blocking.IggyBaseClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command that needs a session, sent from a connection that never logged in, is refused and
 * changes nothing. The 0.8.0 SDK refuses all of them but get stats before sending
 * ({@code IggyNotConnectedException}); get stats reaches the server and must come back as 40.
 */
abstract class UnauthenticatedContract extends ContractTestBase {

    @BeforeEach
    void createWorld() {
        root.streams().createStream("perm-s");
        Sdk.createTopic(root, 0, 2, "perm-t");
        root.streams().createStream("perm-other");
        root.consumerGroups().createConsumerGroup(Sdk.stream(0), Sdk.topic(0), "perm-g");
    }

    Stream<PermissionMatrixTest.Row> sessionCommands() {
        return PermissionMatrixTest.TABLE.stream().filter(row -> row.access() != PermissionMatrixTest.Access.PUBLIC);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sessionCommands")
    void commandWithoutLoginIsUnauthenticatedAndChangesNothing(PermissionMatrixTest.Row row) {
        if (row.needsConnection()) {
            assumeSessions("the SDK refuses " + row + " itself (http-api.md 6)");
        }
        IggyBaseClient anonymous = clients().anonymous();

        assertUnauthenticated(() -> row.command().run(anonymous));

        assertThat(root.streams().getStreams()).hasSize(2);
        assertThat(root.topics()
                        .getTopic(Sdk.stream(0), Sdk.topic(0))
                        .orElseThrow()
                        .name())
                .isEqualTo("perm-t");
        assertThat(root.users().getUsers()).hasSize(1);
    }

    @Test
    void pingAndAFailedLoginLeaveTheConnectionUnauthenticated() {
        IggyBaseClient anonymous = clients().anonymous();
        anonymous.system().ping();

        ServerErrors.assertAuthentication(() -> anonymous.users().login("iggy", "wrong"), 42);

        ServerErrors.assertAuthentication(() -> anonymous.system().getStats(), 40);
    }
}
