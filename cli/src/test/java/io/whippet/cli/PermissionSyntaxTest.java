package io.whippet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whippet.protocol.Permissions;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class PermissionSyntaxTest {
    @Test
    void globalShortAndLongNamesSetTheirFlags() {
        Permissions permissions = PermissionSyntax.parse(List.of("m_srv,read_users", "s_msg"), List.of());

        Permissions.GlobalPermissions global = permissions.global();
        assertThat(global.manageServers()).isTrue();
        assertThat(global.readUsers()).isTrue();
        assertThat(global.sendMessages()).isTrue();
        assertThat(global.readServers()).isFalse();
        assertThat(PermissionSyntax.formatGlobal(global)).isEqualTo("m_srv,r_usr,s_msg");
    }

    @Test
    void streamSpecCarriesStreamFlagsAndPerTopicFlags() {
        Permissions permissions = PermissionSyntax.parse(List.of(), List.of("3#m_top,r_top#2:p_msg,s_msg#5:r_top"));

        Permissions.StreamPermissions stream =
                Objects.requireNonNull(permissions.streams().get(3L));
        assertThat(stream.manageTopics()).isTrue();
        assertThat(stream.readTopics()).isTrue();
        assertThat(stream.manageStream()).isFalse();
        assertThat(stream.topics().get(2L)).isEqualTo(new Permissions.TopicPermissions(false, false, true, true));
        assertThat(stream.topics().get(5L)).isEqualTo(new Permissions.TopicPermissions(false, true, false, false));
    }

    @Test
    void formattedStreamsParseBackToTheSamePermissions() {
        List<String> specs = List.of("1", "3#r_str,p_msg#2:m_top", "7#4:s_msg");
        Permissions permissions = PermissionSyntax.parse(List.of(), specs);

        assertThat(PermissionSyntax.formatStreams(permissions)).isEqualTo(specs);
        assertThat(PermissionSyntax.parse(List.of(), PermissionSyntax.formatStreams(permissions)))
                .isEqualTo(permissions);
    }

    @Test
    void unknownNamesNonNumericIdsAndDuplicatesAreUsageErrors() {
        assertThatThrownBy(() -> PermissionSyntax.parse(List.of("m_srv,fly"), List.of()))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("global permission: fly");
        assertThatThrownBy(() -> PermissionSyntax.parse(List.of(), List.of("orders#r_str")))
                .hasMessageStartingWith("stream id: orders");
        assertThatThrownBy(() -> PermissionSyntax.parse(List.of(), List.of("1#r_str", "1#m_str")))
                .hasMessage("stream permissions: stream 1 given twice");
        assertThatThrownBy(() -> PermissionSyntax.parse(List.of(), List.of("1#2:x_top")))
                .hasMessageStartingWith("topic permission: x_top");
    }
}
