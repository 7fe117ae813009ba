package io.whippet.it;

class TopicsBlockingTcpTest extends TopicsContract {
    @Override
    ClientFlavour flavour() {
        return ClientFlavour.BLOCKING_TCP;
    }
}
