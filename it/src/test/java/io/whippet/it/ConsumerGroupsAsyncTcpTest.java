package io.whippet.it;

class ConsumerGroupsAsyncTcpTest extends ConsumerGroupsContract {
    @Override
    ClientFlavour flavour() {
        return ClientFlavour.ASYNC_TCP;
    }
}
