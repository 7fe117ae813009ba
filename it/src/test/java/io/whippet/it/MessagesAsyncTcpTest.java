package io.whippet.it;

class MessagesAsyncTcpTest extends MessagesContract {
    @Override
    ClientFlavour flavour() {
        return ClientFlavour.ASYNC_TCP;
    }
}
