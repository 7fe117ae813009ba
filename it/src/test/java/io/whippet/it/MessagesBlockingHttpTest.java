package io.whippet.it;

class MessagesBlockingHttpTest extends MessagesContract {
    @Override
    ClientFlavour flavour() {
        return ClientFlavour.BLOCKING_HTTP;
    }
}
