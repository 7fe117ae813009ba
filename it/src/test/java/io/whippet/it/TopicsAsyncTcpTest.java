package io.whippet.it;

class TopicsAsyncTcpTest extends TopicsContract {
    @Override
    ClientFlavour flavour() {
        return ClientFlavour.ASYNC_TCP;
    }
}
