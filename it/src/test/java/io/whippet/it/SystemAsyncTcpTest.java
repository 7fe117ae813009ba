package io.whippet.it;

class SystemAsyncTcpTest extends SystemContract {
    @Override
    ClientFlavour flavour() {
        return ClientFlavour.ASYNC_TCP;
    }
}
