package io.whippet.it;

class MessagesBlockingTcpTlsTest extends MessagesContract {
    @Override
    ClientFlavour flavour() {
        return ClientFlavour.BLOCKING_TCP_TLS;
    }
}
