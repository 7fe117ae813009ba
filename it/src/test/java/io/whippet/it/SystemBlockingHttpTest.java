package io.whippet.it;

class SystemBlockingHttpTest extends SystemContract {
    @Override
    ClientFlavour flavour() {
        return ClientFlavour.BLOCKING_HTTP;
    }
}
