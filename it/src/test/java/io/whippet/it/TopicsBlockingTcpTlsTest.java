package io.whippet.it;

class TopicsBlockingTcpTlsTest extends TopicsContract {
    @Override
    ClientFlavour flavour() {
        return ClientFlavour.BLOCKING_TCP_TLS;
    }
}
