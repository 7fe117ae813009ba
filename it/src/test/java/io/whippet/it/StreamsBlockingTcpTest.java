package io.whippet.it;

class StreamsBlockingTcpTest extends StreamsContract {
    @Override
    ClientFlavour flavour() {
        return ClientFlavour.BLOCKING_TCP;
    }
}
