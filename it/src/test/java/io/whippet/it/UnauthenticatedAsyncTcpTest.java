package io.whippet.it;

class UnauthenticatedAsyncTcpTest extends UnauthenticatedContract {
    @Override
    ClientFlavour flavour() {
        return ClientFlavour.ASYNC_TCP;
    }
}
