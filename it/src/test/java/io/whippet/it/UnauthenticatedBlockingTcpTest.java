package io.whippet.it;

class UnauthenticatedBlockingTcpTest extends UnauthenticatedContract {
    @Override
    ClientFlavour flavour() {
        return ClientFlavour.BLOCKING_TCP;
    }
}
