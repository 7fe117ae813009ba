package io.whippet.it;

class SystemBlockingTcpTest extends SystemContract {
    @Override
    ClientFlavour flavour() {
        return ClientFlavour.BLOCKING_TCP;
    }
}
