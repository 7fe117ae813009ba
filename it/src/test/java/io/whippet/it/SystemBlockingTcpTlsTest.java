package io.whippet.it;

class SystemBlockingTcpTlsTest extends SystemContract {
    @Override
    ClientFlavour flavour() {
        return ClientFlavour.BLOCKING_TCP_TLS;
    }
}
