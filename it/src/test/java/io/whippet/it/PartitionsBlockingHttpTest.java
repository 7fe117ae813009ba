package io.whippet.it;

class PartitionsBlockingHttpTest extends PartitionsContract {
    @Override
    ClientFlavour flavour() {
        return ClientFlavour.BLOCKING_HTTP;
    }
}
