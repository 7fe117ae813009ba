package io.whippet.it;

class ConsumerGroupsBlockingTcpTest extends ConsumerGroupsContract {
    @Override
    ClientFlavour flavour() {
        return ClientFlavour.BLOCKING_TCP;
    }
}
