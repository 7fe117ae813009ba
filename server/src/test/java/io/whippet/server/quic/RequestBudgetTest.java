package io.whippet.server.quic;

import static org.assertj.core.api.Assertions.assertThat;

import io.whippet.server.tcp.FrameLimits;
import org.junit.jupiter.api.Test;

class RequestBudgetTest {
    @Test
    void beforeLoginAConnectionHoldsAFewSmallRequestsOnly() {
        RequestBudget.Connection connection = new RequestBudget(100, 1000, 10_000).connection();

        assertThat(connection.tryReserve(60, false)).isNull();
        assertThat(connection.tryReserve(41, false)).contains("101").contains("limit 100");
        assertThat(connection.tryReserve(40, false)).isNull();
        assertThat(connection.heldBytes()).isEqualTo(100);
    }

    @Test
    void afterLoginTheLargerLimitAppliesAndReleasingMakesRoomAgain() {
        RequestBudget.Connection connection = new RequestBudget(100, 1000, 10_000).connection();

        assertThat(connection.tryReserve(900, true)).isNull();
        assertThat(connection.tryReserve(200, true)).contains("limit 1000");
        connection.release(900);
        assertThat(connection.tryReserve(200, true)).isNull();
        assertThat(connection.heldBytes()).isEqualTo(200);
    }

    @Test
    void allConnectionsTogetherStayUnderTheEndpointLimit() {
        RequestBudget budget = new RequestBudget(100, 1000, 1500);
        RequestBudget.Connection first = budget.connection();
        RequestBudget.Connection second = budget.connection();

        assertThat(first.tryReserve(1000, true)).isNull();
        assertThat(second.tryReserve(600, true)).contains("all connections").contains("limit 1500");
        assertThat(second.heldBytes())
                .as("a refused reservation leaves nothing behind")
                .isZero();
        assertThat(second.tryReserve(500, true)).isNull();
        assertThat(budget.heldBytes()).isEqualTo(1500);
        first.release(1000);
        second.release(500);
        assertThat(budget.heldBytes()).isZero();
    }

    @Test
    void theDefaultsAllowTwoLargestBatchesPerConnectionAndFourLoginsBeforeLogin() {
        FrameLimits limits = FrameLimits.defaults();
        RequestBudget.Connection connection = RequestBudget.of(limits).connection();

        for (int i = 0; i < RequestBudget.UNAUTHENTICATED_REQUESTS; i++) {
            assertThat(connection.tryReserve(limits.maxUnauthenticatedPayloadBytes(), false))
                    .isNull();
        }
        assertThat(connection.tryReserve(1, false)).isNotNull();
        connection.release(4L * limits.maxUnauthenticatedPayloadBytes());
        assertThat(connection.tryReserve(limits.maxSendPayloadBytes(), true)).isNull();
        assertThat(connection.tryReserve(limits.maxSendPayloadBytes(), true)).isNull();
        assertThat(connection.tryReserve(1, true)).isNotNull();
    }
}
