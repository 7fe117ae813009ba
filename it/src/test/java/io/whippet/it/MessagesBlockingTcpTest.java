package io.whippet.it;

class MessagesBlockingTcpTest extends MessagesContract {
    @Override
    ClientFlavour flavour() {
        return ClientFlavour.BLOCKING_TCP;
    }
}
