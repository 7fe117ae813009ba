package io.whippet.it;

class StreamsBlockingTcpTlsTest extends StreamsContract {
    @Override
    ClientFlavour flavour() {
        return ClientFlavour.BLOCKING_TCP_TLS;
    }
}
