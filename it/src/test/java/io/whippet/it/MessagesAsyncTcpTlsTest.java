package io.whippet.it;

class MessagesAsyncTcpTlsTest extends MessagesContract {
    @Override
    ClientFlavour flavour() {
        return ClientFlavour.ASYNC_TCP_TLS;
    }
}
