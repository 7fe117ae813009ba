package io.whippet.it;

class UnauthenticatedBlockingHttpTest extends UnauthenticatedContract {
    @Override
    ClientFlavour flavour() {
        return ClientFlavour.BLOCKING_HTTP;
    }
}
