package io.whippet.it;

class PartitionsAsyncTcpTest extends PartitionsContract {
    @Override
    ClientFlavour flavour() {
        return ClientFlavour.ASYNC_TCP;
    }
}
