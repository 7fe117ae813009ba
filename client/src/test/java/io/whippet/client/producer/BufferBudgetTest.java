package io.whippet.client.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class BufferBudgetTest {
    @Test
    void failImmediatelyRefusesWhatDoesNotFit() throws Exception {
        BufferBudget budget = new BufferBudget(100);
        budget.acquire(80, Backpressure.failImmediately());
        assertThatThrownBy(() -> budget.acquire(30, Backpressure.failImmediately()))
                .isInstanceOf(BufferFullException.class)
                .hasMessageContaining("80 + 30 bytes (expected: <= 100)");
        budget.acquire(20, Backpressure.failImmediately());
        assertThat(budget.usedBytes()).isEqualTo(100);
    }

    @Test
    void blockWithTimeoutGivesUpWhenNothingIsReleased() throws Exception {
        BufferBudget budget = new BufferBudget(100);
        budget.acquire(100, Backpressure.block());
        assertThatThrownBy(() -> budget.acquire(1, Backpressure.blockWithTimeout(5)))
                .isInstanceOf(BufferFullException.class);
    }

    @Test
    void blockWaitsUntilRoomIsReleased() throws Exception {
        BufferBudget budget = new BufferBudget(100);
        budget.acquire(100, Backpressure.block());
        CountDownLatch acquired = new CountDownLatch(1);
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                budget.acquire(50, Backpressure.block());
                acquired.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(acquired.getCount()).isEqualTo(1);
        budget.release(60);
        acquired.await();
        waiter.join();
        assertThat(budget.usedBytes()).isEqualTo(90);
    }

    @Test
    void aMessageLargerThanTheWholeBufferPassesAlone() throws Exception {
        BufferBudget budget = new BufferBudget(10);
        budget.acquire(1_000, Backpressure.failImmediately());
        assertThatThrownBy(() -> budget.acquire(1, Backpressure.failImmediately()))
                .isInstanceOf(BufferFullException.class);
    }
}
