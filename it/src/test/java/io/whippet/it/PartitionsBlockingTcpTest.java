package io.whippet.it;

class PartitionsBlockingTcpTest extends PartitionsContract {
    @Override
    ClientFlavour flavour() {
        return ClientFlavour.BLOCKING_TCP;
    }
}
